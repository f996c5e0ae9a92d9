import { attentionOf } from '../core/attention.js';
import type { SearchHit } from '../core/search.js';
import type { NameSummary } from '../core/store.js';
import { terminalSafe } from './safe-text.js';
import { attentionColor, palette } from './style.js';
import { spentText, statusLabel, truncate } from './text.js';

/** R25: search results, the matching part highlighted (inverse on a terminal, [brackets] otherwise). */
export function renderSearchHits(
  hits: readonly SearchHit[],
  options: { color: boolean; now: Date; width: number },
): string {
  if (hits.length === 0) return 'Nothing found.';
  const paint = palette(options.color);
  const mark = (text: string) => (options.color ? paint.inverse(text) : `[${text}]`);
  const lines: string[] = [];
  for (const hit of hits) {
    const colour = attentionColor(paint, attentionOf(hit.task, options.now));
    const head = `${String(hit.task.id).padStart(5)}  ${statusLabel(hit.task.status).padEnd(16)} `;
    const title =
      hit.field === 'title' || hit.field === 'project'
        ? highlight(hit.excerpt, hit.ranges, mark)
        : terminalSafe(hit.task.title);
    lines.push(
      colour(head) +
        (hit.field === 'title' || hit.field === 'project'
          ? title
          : truncate(title, options.width - head.length)),
    );
    if (hit.field === 'description' || hit.field === 'comment')
      lines.push(`${' '.repeat(7)}${hit.field}: ${highlight(hit.excerpt, hit.ranges, mark)}`);
  }
  return lines.join('\n');
}

function highlight(text: string, ranges: readonly [number, number][], mark: (s: string) => string): string {
  let out = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    out += terminalSafe(text.slice(cursor, start)) + mark(terminalSafe(text.slice(start, end)));
    cursor = end;
  }
  return out + terminalSafe(text.slice(cursor));
}

/** `task projects` / `task tags`: one line each - name, open of total tasks, tracked time. */
export function renderNameSummaries(rows: readonly NameSummary[], empty: string): string {
  if (rows.length === 0) return empty;
  const width = Math.max(...rows.map((r) => [...terminalSafe(r.name)].length));
  return rows
    .map(
      (r) =>
        `${terminalSafe(r.name).padEnd(width)}  ${String(r.open).padStart(5)} open of ${String(r.total).padEnd(5)} ${spentText(r.trackedSeconds).padStart(8)}`,
    )
    .join('\n');
}
