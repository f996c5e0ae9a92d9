import { foldForSearch } from '../../core/search.js';
import type { SearchMatch, SearchQuery } from '../../core/store.js';
import { SqliteDays } from './days.js';
import { OPEN_SQL, visibleTaskSql } from './task-sql.js';

/** Search (R25) on the FTS5 trigram index of migration 0005, kept by triggers; filled once after a bulk insert. */
export abstract class SqliteSearch extends SqliteDays {
  /**
   * R25 on the FTS5 trigram index (migration 0005): each word a quoted phrase - any substring of a title,
   * description or comment - folded as the index folds ('ё' as 'е', case by the tokenizer). R4: visibility,
   * deletion and status are filtered here, before the limit, so nobody is shown fewer hits than they may
   * see. One row per task: its best match by bm25 (lower is better; a title match weighs double).
   */
  searchWords(words: readonly string[], query: SearchQuery): SearchMatch[] {
    const conditions = ['t.deleted_at IS NULL'];
    const params: Record<string, unknown> = {
      q: words.map((w) => `"${foldForSearch(w).replace(/"/g, '""')}"`).join(' '),
      limit: Math.max(0, Math.floor(query.limit)),
    };
    if (query.visibleTo) {
      const visible = visibleTaskSql(query.visibleTo, 's_');
      conditions.push(visible.term);
      Object.assign(params, visible.params);
    }
    if (query.statuses) {
      conditions.push('t.status IN (SELECT value FROM json_each(@statuses))');
      params.statuses = JSON.stringify(query.statuses);
    }
    const rows = this.sql(
      `WITH hits AS (
         SELECT rowid / 2 AS task_id, CASE rowid % 2 WHEN 0 THEN 'title' ELSE 'description' END AS field, NULL AS comment_id,
                bm25(task_search) * CASE rowid % 2 WHEN 0 THEN 2 ELSE 1 END AS score
         FROM task_search WHERE task_search MATCH @q
         UNION ALL
         SELECT c.task_id, 'comment', c.id, bm25(comment_search) FROM comment_search JOIN comments c ON c.id = comment_search.rowid
         WHERE comment_search MATCH @q
       ), best AS (
         -- SQLite takes the bare columns of a min() group from the row holding the minimum.
         SELECT task_id, field, comment_id, min(score) AS score FROM hits GROUP BY task_id
       )
       SELECT b.task_id, b.field, b.comment_id, b.score FROM best b JOIN tasks t ON t.id = b.task_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY t.status IN ${OPEN_SQL} DESC, b.score, t.id LIMIT @limit`,
    ).all(params) as {
      task_id: number;
      field: SearchMatch['field'];
      comment_id: number | null;
      score: number;
    }[];
    return rows.map((r) => ({
      taskId: r.task_id,
      field: r.field,
      commentId: r.comment_id,
      relevance: -r.score,
    }));
  }

  fillingSearchIndexAfter<T>(fn: () => T): T {
    const before = this.sql(
      'SELECT (SELECT coalesce(max(id), 0) FROM tasks), (SELECT coalesce(max(id), 0) FROM comments)',
    )
      .raw()
      .get() as [number, number];
    const [tasks, comments] = before;
    // The insert triggers skip rows while this row exists (migration 0014); it never outlives the transaction.
    this.sql("INSERT INTO meta (key, value) VALUES ('search_index_deferred', '1')").run();
    let result: T;
    try {
      result = fn();
    } finally {
      this.sql("DELETE FROM meta WHERE key = 'search_index_deferred'").run();
    }
    // An added task or comment changed again meanwhile was indexed by the update trigger: replaced, not doubled.
    const fold = (column: string) => `replace(replace(${column}, 'ё', 'е'), 'Ё', 'Е')`;
    this.sql('DELETE FROM task_search WHERE rowid >= ?').run((tasks + 1) * 2);
    this.sql(
      `INSERT INTO task_search (rowid, body)
       SELECT rowid, body FROM (SELECT id * 2 AS rowid, ${fold('title')} AS body FROM tasks WHERE id > @after
                                UNION ALL SELECT id * 2 + 1, ${fold('description')} FROM tasks WHERE id > @after AND description IS NOT NULL)
       ORDER BY rowid`,
    ).run({ after: tasks });
    this.sql('DELETE FROM comment_search WHERE rowid > ?').run(comments);
    this.sql(
      `INSERT INTO comment_search (rowid, body) SELECT id, ${fold('body')} FROM comments WHERE id > ? ORDER BY id`,
    ).run(comments);
    return result;
  }
}
