import type Database from 'better-sqlite3';

/**
 * The query plans (EXPLAIN QUERY PLAN details) of the statements `action` prepares on `db`; `params` binds
 * the named parameters those statements use (their values do not change the plan's shape).
 */
export function plansOf(
  db: Database.Database,
  action: () => void,
  params: Record<string, unknown> = {},
): string[] {
  const prepare = db.prepare.bind(db);
  const texts: string[] = [];
  db.prepare = ((text: string) => {
    texts.push(text);
    return prepare(text);
  }) as typeof db.prepare;
  try {
    action();
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
  return texts.flatMap((text) =>
    (prepare(`EXPLAIN QUERY PLAN ${text}`).all(params) as { detail: string }[]).map((r) => r.detail),
  );
}
