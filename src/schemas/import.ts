import { z } from 'zod';
import { END_OF_LAST_YEAR, FIRST_YEAR, LAST_YEAR, parseCompactUtc, parseInstant } from '../core/clock.js';
import { MAX_PLANNED_MINUTES } from '../core/duration.js';

/**
 * The shapes of files other tools write, as regula reads them (docs/import.md). Unknown fields are
 * kept out (Taskwarrior UDAs, Bitrix24's many extras); a wrong field is refused with its record and path.
 */

const NOT_REAL = `not a real date and time between ${FIRST_YEAR} and ${LAST_YEAR} (a day the month has, hours 00-23, not skipped by a clock change)`;

/**
 * A checked instant: `Date` would roll 2026-02-30 over to March 2 and read "1" as 2001-01-01 (issue 21);
 * parseInstant refuses both, and years outside FIRST_YEAR..LAST_YEAR.
 */
function instant(value: string, context: z.RefinementCtx): Date {
  const date = parseInstant(value);
  if (date === null) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 40)}" is ${NOT_REAL}` });
    return z.NEVER;
  }
  return date;
}

/** Taskwarrior's compact UTC timestamp 20260105T083000Z (also accepts ISO 8601). */
const twDate = z
  .string()
  .regex(
    /^(\d{8}T\d{6}Z|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}))$/,
    'expected a timestamp like 20260105T083000Z',
  )
  .transform(
    (value, context) =>
      (value.length === 16 ? parseCompactUtc(value) : null) ??
      instant(
        value.length === 16
          ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 11)}:${value.slice(11, 13)}:${value.slice(13, 15)}Z`
          : value,
        context,
      ),
  );

export const taskwarriorTaskSchema = z.object({
  uuid: z.string().regex(/^[0-9a-f-]{36}$/i, 'expected a UUID'),
  description: z.string(),
  status: z.enum(['pending', 'waiting', 'completed', 'deleted', 'recurring']),
  entry: twDate,
  modified: twDate.optional(),
  end: twDate.optional(),
  due: twDate.optional(),
  scheduled: twDate.optional(),
  wait: twDate.optional(),
  start: twDate.optional(),
  until: twDate.optional(),
  project: z.string().optional(),
  priority: z.enum(['H', 'M', 'L', '']).optional(),
  tags: z.array(z.string()).optional(),
  annotations: z.array(z.object({ entry: twDate, description: z.string() })).optional(),
  depends: z.union([z.array(z.string()), z.string()]).optional(),
  recur: z.string().optional(),
  parent: z.string().optional(),
  /** The planned time, as regula's export writes it (a Taskwarrior duration UDA, `PT1H30M`); one that is not a duration is ignored. */
  estimate: z.union([z.string(), z.number()]).optional(),
});
export type TaskwarriorTask = z.infer<typeof taskwarriorTaskSchema>;

export const timewarriorIntervalSchema = z.object({
  id: z.number().int().optional(),
  start: twDate,
  end: twDate.optional(),
  tags: z.array(z.string()).optional(),
  annotation: z.string().optional(),
});
export type TimewarriorInterval = z.infer<typeof timewarriorIntervalSchema>;

/**
 * A Watson frame, as `watson log --json` prints it ({ id, project, start, stop, tags }, ISO times with an
 * offset) or as Watson keeps it in its `frames` file ([start, stop, project, id, tags, updated_at], Unix
 * seconds).
 */
const unixSeconds = z
  .number()
  .int()
  .nonnegative()
  .max(END_OF_LAST_YEAR / 1000 - 1, `seconds after the year ${LAST_YEAR}`)
  .transform((seconds) => new Date(seconds * 1000));
const isoWithOffset = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/,
    'expected a time like 2026-11-25T09:15:00+01:00',
  )
  .transform(instant);
export const watsonFrameSchema = z.union([
  z.object({
    id: z.string(),
    project: z.string().min(1),
    start: isoWithOffset,
    stop: isoWithOffset,
    tags: z.array(z.string()).optional(),
  }),
  z
    .tuple([unixSeconds, unixSeconds, z.string().min(1), z.string()])
    .rest(z.unknown())
    .transform(([start, stop, project, id, tags]) => ({
      id,
      project,
      start,
      stop,
      tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    })),
]);
export type WatsonFrame = z.infer<typeof watsonFrameSchema>;

/** Bitrix24 REST answers carry numbers as strings ("5") and flags as "Y"/"N"; both spellings are read. */
const b24Id = z
  .union([z.number().int(), z.string().regex(/^\d+$/, 'expected a numeric id')])
  .transform(Number)
  .refine((n) => Number.isSafeInteger(n) && n >= 0, 'a number too large to be true');
const b24OptionalId = z
  .union([b24Id, z.null(), z.literal('')])
  .optional()
  .transform((v) => (v === null || v === '' || v === undefined || v === 0 ? null : v));
const b24Date = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i,
    'expected a date like 2026-11-27T18:00:00+03:00',
  )
  .transform(instant);
const b24OptionalDate = z
  .union([b24Date, z.null(), z.literal('')])
  .optional()
  .transform((v) => (v instanceof Date ? v : null));
const yesNo = z
  .union([z.enum(['Y', 'N']), z.boolean()])
  .optional()
  .transform((v) => v === 'Y' || v === true);
const person = z.object({ id: b24Id, name: z.string().optional() }).passthrough();

export const bitrixTaskSchema = z.object({
  id: b24Id,
  title: z.string().min(1, 'the title is empty'),
  description: z.string().nullable().optional(),
  status: b24Id.refine((s) => s >= 1 && s <= 7, 'status codes are 1-7'),
  priority: b24Id.refine((p) => p >= 0 && p <= 2, 'priority is 0, 1 or 2').optional(),
  deadline: b24OptionalDate,
  responsibleId: b24Id,
  createdBy: b24Id,
  groupId: b24OptionalId,
  parentId: b24OptionalId,
  // Seconds; a plan beyond the longest duration regula accepts is a forgery or a typo (issue 21).
  timeEstimate: z
    .union([
      b24Id.refine(
        (s) => s <= MAX_PLANNED_MINUTES * 60,
        `more than ${MAX_PLANNED_MINUTES / 60} hours of planned time`,
      ),
      z.null(),
    ])
    .optional(),
  allowTimeTracking: yesNo,
  taskControl: yesNo,
  mark: z.enum(['P', 'N']).nullable().optional(),
  tags: z.array(z.union([z.string(), z.object({ title: z.string() }).passthrough()])).optional(),
  auditors: z.array(b24Id).optional(),
  accomplices: z.array(b24Id).optional(),
  createdDate: b24OptionalDate,
  changedDate: b24OptionalDate,
  closedDate: b24OptionalDate,
  group: z.object({ id: b24Id, name: z.string() }).passthrough().nullable().optional(),
  responsible: person.optional(),
  creator: person.optional(),
});
export type BitrixTask = z.infer<typeof bitrixTaskSchema>;

/** One elapsed item is one stretch of work: a month of it in one piece is not a record of work. */
const MAX_ELAPSED_SECONDS = 31 * 86_400;

export const bitrixElapsedSchema = z.object({
  ID: b24Id,
  TASK_ID: b24Id,
  USER_ID: b24Id,
  SECONDS: b24Id.refine(
    (s) => s <= MAX_ELAPSED_SECONDS,
    `more than ${MAX_ELAPSED_SECONDS / 86_400} days of time in one item`,
  ),
  COMMENT_TEXT: z.string().nullable().optional(),
  CREATED_DATE: b24Date,
  DATE_START: b24OptionalDate,
});
export type BitrixElapsed = z.infer<typeof bitrixElapsedSchema>;

export const bitrixCommentSchema = z.object({
  ID: b24Id,
  TASK_ID: b24Id,
  AUTHOR_ID: b24Id,
  AUTHOR_NAME: z.string().optional(),
  POST_MESSAGE: z.string(),
  POST_DATE: b24Date,
});
export type BitrixComment = z.infer<typeof bitrixCommentSchema>;

export const bitrixUserSchema = z
  .object({
    ID: b24Id,
    NAME: z.string().optional(),
    LAST_NAME: z.string().optional(),
    EMAIL: z.string().optional(),
  })
  .passthrough();
export type BitrixUser = z.infer<typeof bitrixUserSchema>;

export const regulaExportSchema = z.object({
  format: z.literal('regula.export'),
  version: z.literal(1),
  schemaVersion: z.number().int(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type RegulaExport = z.infer<typeof regulaExportSchema>;
