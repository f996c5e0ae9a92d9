import type Database from 'better-sqlite3';
import type { StorageProblem, StoreMaintenance } from '../../core/store.js';

/** What a row of each table is, in the words `task doctor` uses. */
const RECORD_NOUN: Record<string, string> = {
  users: 'person',
  projects: 'project',
  tasks: 'task',
  tags: 'tag',
  task_tags: 'tag of a task',
  task_observers: 'observer of a task',
  task_coexecutors: 'co-executor of a task',
  crm_links: 'CRM link',
  task_links: 'dependency',
  time_entries: 'time entry',
  time_entry_changes: 'time correction',
  comments: 'comment',
  results: 'result',
  history: 'history line',
  external_ids: 'import id',
  day_reports: 'day report',
  day_amendments: 'day amendment',
  work_days: 'working day',
  work_breaks: 'break',
  plan_items: 'plan item',
  templates: 'template',
  template_occurrences: 'template occurrence',
  policy: 'policy value',
  policy_history: 'policy change',
};

const noun = (table: string): string => RECORD_NOUN[table] ?? `${table} row`;

/** The SQLite engine's upkeep: its integrity and foreign-key checks, the FTS index, online backup. */
export class SqliteMaintenance implements StoreMaintenance {
  constructor(private readonly db: Database.Database) {}

  storageProblems(): StorageProblem[] {
    const integrity = (this.db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok')
      .map((message): StorageProblem => ({ check: 'integrity', message }));
    const references = (
      this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    ).map(
      (r): StorageProblem => ({
        check: 'references',
        message: `${noun(r.table)} ${r.rowid} refers to a missing ${noun(r.parent)}`,
      }),
    );
    return [...integrity, ...references];
  }

  /** Tasks missing from the FTS index (migration 0005), and index rows without a task. */
  searchIndexDrift(): number {
    return (
      this.db
        .prepare(
          `SELECT (SELECT count(*) FROM tasks t WHERE NOT EXISTS (SELECT 1 FROM task_search s WHERE s.rowid = t.id * 2))
                + (SELECT count(*) FROM task_search s WHERE s.rowid % 2 = 0 AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = s.rowid / 2)) AS n`,
        )
        .get() as { n: number }
    ).n;
  }

  /** SQLite's online backup to a temporary name, checked, then renamed into place (db/backup.ts). */
  async backupTo(path: string, options: { force: boolean }): Promise<{ tasks: number }> {
    const { writeBackup } = await import('../backup.js');
    const { tasks } = await writeBackup(this.db, path, options);
    return { tasks };
  }
}
