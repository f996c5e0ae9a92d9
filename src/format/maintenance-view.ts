import type { DoctorReport } from '../core/doctor.js';
import type { Renderers } from './renderers.js';
import { terminalSafe } from './safe-text.js';

/** `task backup`: where the checked copy went and how many tasks it holds. */
export interface BackupOutcome {
  readonly path: string;
  readonly tasks: number;
}

export const backupRenderers: Renderers<BackupOutcome> = {
  text: ({ path, tasks }) => `Backed up to ${path} (${tasks} tasks, integrity ok).`,
  json: ({ path, tasks }) => ({ path, tasks, integrity: 'ok' }),
};

/** `task restore-backup`: the backup put in place, and where the database it replaced is kept. */
export interface RestoreOutcome {
  readonly path: string;
  readonly from: string;
  readonly tasks: number;
  readonly replaced: string | null;
}

export const restoreRenderers: Renderers<RestoreOutcome> = {
  text: ({ path, from, tasks, replaced }) => {
    const kept = replaced ? `; the database it replaced is kept as ${replaced}` : '';
    return terminalSafe(`Restored ${from} to ${path} (${tasks} tasks, integrity ok)${kept}.`);
  },
  json: ({ path, from, tasks, replaced }) => ({ path, from, tasks, replaced }),
};

/** `task doctor`: the findings after any timers left running were stopped (those stops are warnings). */
export interface DoctorOutcome {
  readonly report: DoctorReport;
  readonly warnings: readonly string[];
}

export const doctorRenderers: Renderers<DoctorOutcome> = {
  text: ({ report }) =>
    report.ok
      ? 'All checks passed: integrity, foreign keys, timers, R2 time, import ids, search index.'
      : report.findings
          .map((f) =>
            terminalSafe(`${f.severity === 'damaged' ? 'DAMAGED' : 'problem'} [${f.check}] ${f.message}`),
          )
          .join('\n'),
  json: ({ report }) => ({ ok: report.ok, findings: report.findings }),
};
