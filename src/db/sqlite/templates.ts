import type { TemplateFields, TemplateRecord } from '../../core/store.js';
import { SqlitePeople } from './people.js';
import { type Row, rowToTemplate, templateParams } from './rows.js';

/** Templates of recurring tasks and the occurrences they made. */
export abstract class SqliteTemplates extends SqlitePeople {
  insertTemplate(fields: TemplateFields): number {
    const info = this.sql(
      `INSERT INTO templates (title, project, tags, priority, planned_minutes, description, schedule, deadline_offset_days, start_day,
         responsible_id, director_id, paused, management, review, created_at, updated_at)
       VALUES (@title, @project, @tags, @priority, @plannedMinutes, @description, @schedule, @deadlineOffsetDays, @startDay,
         @responsibleId, @directorId, @paused, @management, @review, @createdAt, @updatedAt)`,
    ).run(templateParams(fields));
    return Number(info.lastInsertRowid);
  }

  updateTemplate(id: number, fields: Partial<TemplateFields>): void {
    const current = this.getTemplate(id);
    if (!current) return;
    const { id: _id, responsible: _r, ...base } = current;
    this.sql(
      `UPDATE templates SET title = @title, project = @project, tags = @tags, priority = @priority, planned_minutes = @plannedMinutes,
         description = @description, schedule = @schedule, deadline_offset_days = @deadlineOffsetDays, start_day = @startDay,
         responsible_id = @responsibleId, director_id = @directorId, paused = @paused, management = @management, review = @review, updated_at = @updatedAt WHERE id = @id`,
    ).run({ ...templateParams({ ...base, ...fields }), id });
  }

  getTemplate(id: number): TemplateRecord | undefined {
    const row = this.sql(
      'SELECT t.*, u.name AS responsible_name FROM templates t JOIN users u ON u.id = t.responsible_id WHERE t.id = ? AND t.deleted_at IS NULL',
    ).get(id) as Row | undefined;
    return row ? rowToTemplate(row) : undefined;
  }

  listTemplates(): TemplateRecord[] {
    return (
      this.sql(
        'SELECT t.*, u.name AS responsible_name FROM templates t JOIN users u ON u.id = t.responsible_id WHERE t.deleted_at IS NULL ORDER BY t.id',
      ).all() as Row[]
    ).map(rowToTemplate);
  }

  deleteTemplate(id: number, at: Date): void {
    this.sql('UPDATE templates SET deleted_at = ?, updated_at = ? WHERE id = ?').run(
      at.getTime(),
      at.getTime(),
      id,
    );
  }

  lastOccurrenceDay(templateId: number): string | undefined {
    return (
      (
        this.sql('SELECT max(day) AS day FROM template_occurrences WHERE template_id = ?').get(
          templateId,
        ) as { day: string | null }
      ).day ?? undefined
    );
  }

  insertOccurrence(templateId: number, day: string, taskId: number, at: Date): boolean {
    const info = this.sql(
      'INSERT OR IGNORE INTO template_occurrences (template_id, day, task_id, created_at) VALUES (?, ?, ?, ?)',
    ).run(templateId, day, taskId, at.getTime());
    return info.changes === 1;
  }

  hasOccurrence(templateId: number, day: string): boolean {
    return (
      this.sql('SELECT 1 FROM template_occurrences WHERE template_id = ? AND day = ?').get(
        templateId,
        day,
      ) !== undefined
    );
  }
}
