import type { Agenda } from '../core/agenda.js';
import type { MonthOverview } from '../core/calendar.js';
import { secondsToMinutes } from '../core/duration.js';
import type { SearchHit } from '../core/search.js';
import type { NameSummary } from '../core/store.js';
import { renderAgenda } from './agenda.js';
import { monthJson, statusJson, taskJson } from './json.js';
import { renderMonth } from './month-view.js';
import { planJson } from './plan-view.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';
import { renderNameSummaries, renderSearchHits } from './search-view.js';

/** What the finding commands say: search hits (R25), projects and tags, the agenda, the month. */

export const searchRenderers: Renderers<readonly SearchHit[]> = {
  text: (hits, { color, now, width }) => renderSearchHits(hits, { color, now, width }),
  json: (hits) =>
    hits.map((h) => ({
      ...taskJson(h.task, h.spentSeconds),
      match: { field: h.field, excerpt: h.excerpt, ranges: h.ranges },
    })),
};

/** `task projects` / `task tags`: the table, or with `--names` the names alone, one per line. */
export interface NameSummariesView {
  readonly of: 'projects' | 'tags';
  readonly namesOnly: boolean;
  readonly rows: readonly NameSummary[];
}

export const nameSummariesRenderers: Renderers<NameSummariesView> = {
  text: ({ of, namesOnly, rows }) => {
    if (namesOnly) return rows.length ? rows.map((r) => terminalSafe(r.name)).join('\n') : null;
    return renderNameSummaries(
      rows,
      of === 'projects'
        ? 'No projects yet: a title "Project: what to do" makes one.'
        : 'No tags yet: add them with --tag.',
    );
  },
  json: ({ rows }) =>
    rows.map((r) => ({
      name: r.name,
      open: r.open,
      total: r.total,
      trackedMinutes: secondsToMinutes(r.trackedSeconds),
    })),
};

export const agendaRenderers: Renderers<Agenda> = {
  text: (agenda, { color, now, width }) => renderAgenda(agenda, { color, now, width }),
  json: (agenda) => ({ ...statusJson(agenda.status), days: agenda.days.map((d) => planJson(d.plan)) }),
};

export const monthRenderers: Renderers<MonthOverview> = {
  text: (overview, { color, width }) => renderMonth(overview, { color, width }),
  json: monthJson,
};
