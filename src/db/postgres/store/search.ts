import { foldForSearch } from '../../../core/search.js';
import { OPEN_STATUSES } from '../../../core/status.js';
import type { SearchMatch, SearchQuery } from '../../../core/store.js';
import { PgDays } from './days.js';
import { SqlParams } from './params.js';
import { visibleTaskSql } from './task-sql.js';

/** A word as a LIKE pattern: anywhere in the text, its own % _ \ taken literally. */
function substringPattern(word: string): string {
  return `%${foldForSearch(word).replace(/[\\%_]/g, '\\$&')}%`;
}

/** The team server's search (PostgreSQL): the same meaning as src/db/sqlite/search.ts. */
export abstract class PgSearch extends PgDays {
  /**
   * R25 over the trigram indexes of migration 0007: every word a substring of the folded title,
   * description or one comment (search_fold: any letter case, 'ё' as 'е'). One row per task, its best
   * match; relevance is how often the words occur per length of the text (a short title that holds them
   * beats a long description), a title match weighing double - comparable within one answer only, as
   * SQLite's bm25 is. R4: visibility, deletion and status are filtered before the limit; open tasks first.
   */
  searchWords(words: readonly string[], query: SearchQuery): SearchMatch[] {
    const params = new SqlParams();
    const patterns = words.map((word) => params.add(substringPattern(word)));
    const folded = words.map((word) => `${params.add(foldForSearch(word))}::text`);
    const holdsAll = (column: string) =>
      patterns.map((p) => `search_fold(${column}) LIKE ${p}`).join(' AND ');
    const score = (column: string) =>
      `(${folded
        .map(
          (w) =>
            `(length(search_fold(${column})) - length(replace(search_fold(${column}), ${w}, ''))) / greatest(length(${w}), 1)`,
        )
        .join(' + ')})::float8 / (length(${column}) + 20)`;
    const conditions = ['t.deleted_at IS NULL'];
    if (query.visibleTo) conditions.push(visibleTaskSql(query.visibleTo, params));
    if (query.statuses) conditions.push(`t.status = ANY (${params.list(query.statuses, 'text')})`);
    const open = params.list(OPEN_STATUSES, 'text');
    const limit = params.add(Math.max(0, Math.floor(query.limit)));
    const rows = this.rows<{
      task_id: string;
      field: SearchMatch['field'];
      comment_id: string | null;
      score: number;
    }>(
      `WITH hits AS (
         SELECT id AS task_id, 'title' AS field, NULL::bigint AS comment_id, 2 * ${score('title')} AS score
         FROM tasks WHERE ${holdsAll('title')}
         UNION ALL
         SELECT id, 'description', NULL, ${score('description')} FROM tasks
         WHERE description IS NOT NULL AND ${holdsAll('description')}
         UNION ALL
         SELECT task_id, 'comment', id, ${score('body')} FROM comments WHERE ${holdsAll('body')}
       ), best AS (
         SELECT DISTINCT ON (task_id) task_id, field, comment_id, score FROM hits
         ORDER BY task_id, score DESC, comment_id NULLS FIRST
       )
       SELECT b.task_id, b.field, b.comment_id, b.score FROM best b JOIN tasks t ON t.id = b.task_id
       WHERE ${conditions.join(' AND ')}
       ORDER BY t.status = ANY (${open}) DESC, b.score DESC, t.id LIMIT ${limit}`,
      params.values,
    );
    return rows.map((r) => ({
      taskId: Number(r.task_id),
      field: r.field,
      commentId: r.comment_id === null ? null : Number(r.comment_id),
      relevance: Number(r.score),
    }));
  }
}
