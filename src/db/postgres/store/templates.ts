import type { TemplateFields, TemplateRecord } from '../../../core/store.js';
import type { SqlValue } from '../connection.js';
import { instant, num, numOrNull } from './base.js';
import { PgPeople } from './people.js';

/** TemplateFields property -> templates column, in the order they are written. */
const TEMPLATE_COLUMNS: Record<keyof TemplateFields, string> = {
  title: 'title',
  project: 'project',
  tags: 'tags',
  priority: 'priority',
  plannedMinutes: 'planned_minutes',
  description: 'description',
  schedule: 'schedule',
  deadlineOffsetDays: 'deadline_offset_days',
  startDay: 'start_day',
  responsibleId: 'responsible_id',
  directorId: 'director_id',
  paused: 'paused',
  management: 'management',
  review: 'review',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

const TEMPLATE_KEYS = Object.keys(TEMPLATE_COLUMNS) as (keyof TemplateFields)[];

/** A template field as a parameter: tags as JSON text (cast to json), instants as epoch ms. */
function templateValue(fields: TemplateFields, key: keyof TemplateFields): SqlValue {
  const value = fields[key];
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return JSON.stringify(value);
  return value as SqlValue;
}

const placeholder = (key: keyof TemplateFields, i: number) => `$${i + 1}${key === 'tags' ? '::json' : ''}`;

const TEMPLATE_SELECT =
  'SELECT t.*, u.name AS responsible_name FROM templates t JOIN users u ON u.id = t.responsible_id WHERE t.deleted_at IS NULL';

function rowToTemplate(row: Record<string, unknown>): TemplateRecord {
  return {
    id: num(row.id),
    title: row.title as string,
    project: row.project as string | null,
    tags: row.tags as string[],
    priority: row.priority as TemplateRecord['priority'],
    plannedMinutes: numOrNull(row.planned_minutes),
    description: row.description as string | null,
    schedule: row.schedule as string,
    deadlineOffsetDays: num(row.deadline_offset_days),
    startDay: row.start_day as string,
    responsibleId: num(row.responsible_id),
    responsible: row.responsible_name as string,
    directorId: num(row.director_id),
    paused: row.paused === true,
    management: row.management === true,
    review: row.review === true,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  };
}

/** The team server's templates (PostgreSQL): the same meaning as src/db/sqlite/templates.ts. */
export abstract class PgTemplates extends PgPeople {
  insertTemplate(fields: TemplateFields): number {
    return this.insertReturningId(
      `INSERT INTO templates (${TEMPLATE_KEYS.map((k) => TEMPLATE_COLUMNS[k]).join(', ')})
       VALUES (${TEMPLATE_KEYS.map(placeholder).join(', ')})`,
      TEMPLATE_KEYS.map((k) => templateValue(fields, k)),
    );
  }

  updateTemplate(id: number, fields: Partial<TemplateFields>): void {
    const current = this.getTemplate(id);
    if (!current) return;
    const { id: _id, responsible: _r, ...base } = current;
    const merged: TemplateFields = { ...base, ...fields };
    // Every column but created_at, as SQLite writes them.
    const keys = TEMPLATE_KEYS.filter((k) => k !== 'createdAt');
    this.rows(
      `UPDATE templates SET ${keys.map((k, i) => `${TEMPLATE_COLUMNS[k]} = ${placeholder(k, i)}`).join(', ')}
       WHERE id = $${keys.length + 1}`,
      [...keys.map((k) => templateValue(merged, k)), id],
    );
  }

  getTemplate(id: number): TemplateRecord | undefined {
    const row = this.row(`${TEMPLATE_SELECT} AND t.id = $1`, [id]);
    return row ? rowToTemplate(row) : undefined;
  }

  listTemplates(): TemplateRecord[] {
    return this.rows(`${TEMPLATE_SELECT} ORDER BY t.id`).map(rowToTemplate);
  }

  deleteTemplate(id: number, at: Date): void {
    this.rows('UPDATE templates SET deleted_at = $1, updated_at = $1 WHERE id = $2', [at.getTime(), id]);
  }

  lastOccurrenceDay(templateId: number): string | undefined {
    return (
      this.row<{ day: string | null }>(
        'SELECT max(day) AS day FROM template_occurrences WHERE template_id = $1',
        [templateId],
      )?.day ?? undefined
    );
  }

  insertOccurrence(templateId: number, day: string, taskId: number, at: Date): boolean {
    return (
      this.rows(
        `INSERT INTO template_occurrences (template_id, day, task_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [templateId, day, taskId, at.getTime()],
      ).length === 1
    );
  }

  hasOccurrence(templateId: number, day: string): boolean {
    return (
      this.row('SELECT 1 FROM template_occurrences WHERE template_id = $1 AND day = $2', [
        templateId,
        day,
      ]) !== undefined
    );
  }
}
