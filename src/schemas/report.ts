import { z } from 'zod';

/**
 * zod schemas of the versioned report JSON (docs/reports.md). `task report merge` validates its input
 * files with them, and the tests check every JSON report the program writes against them.
 */
const instant = z.string().datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const status = z.enum([
  'new',
  'pending',
  'in_progress',
  'awaiting_control',
  'completed',
  'deferred',
  'declined',
]);
const mark = z.enum(['positive', 'negative']);

const result = z.strictObject({
  result: z.string(),
  proposal: z.string().nullable(),
  abstract: z.string().nullable(),
  links: z.array(z.string()),
  explanation: z.string().nullable(),
  conclusion: z.string().nullable(),
  at: instant,
});

const totalsSchema = z.strictObject({
  plannedMinutes: z.number().int().nonnegative(),
  plannedLateMinutes: z.number().int().nonnegative().default(0),
  trackedMinutes: z.number().int().nonnegative(),
  unplannedMinutes: z.number().int().nonnegative(),
  workdayMinutes: z.number().int().positive(),
  presentMinutes: z.number().int().nullable(),
  untrackedMinutes: z.number().int().nullable(),
  ratio: z.number().nullable(),
});

const remark = z.strictObject({
  taskId: z.number().int(),
  title: z.string(),
  author: z.string(),
  body: z.string(),
  at: instant,
});

const carriedOver = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('deadline_moved'), deadline: instant }),
    z.strictObject({ kind: z.literal('continued'), taskId: z.number().int(), title: z.string() }),
    z.strictObject({ kind: z.literal('open') }),
  ])
  .nullable();

const teamTaskLine = z.strictObject({
  taskId: z.number().int(),
  title: z.string(),
  status,
  planned: z.boolean(),
  compound: z.boolean(),
  plannedMinutes: z.number().int().nullable(),
  trackedMinutes: z.number().int().nonnegative(),
  assigned: z.boolean(),
  result: result.nullable(),
  carriedOver,
  addedLate: instant.nullable(),
  flags: z.array(z.string()),
});

export const dayReportSchema = z.strictObject({
  schema: z.literal('regula.day-report'),
  version: z.literal(1),
  user: z.string(),
  day,
  generatedAt: instant,
  workday: z
    .strictObject({
      startedAt: instant,
      endedAt: instant.nullable(),
      breakMinutes: z.number().int(),
      presentMinutes: z.number().int(),
    })
    .nullable(),
  tasks: z.array(
    z.strictObject({
      id: z.number().int(),
      title: z.string(),
      project: z.string().nullable(),
      status,
      plan: z.enum(['deadline', 'added', 'overdue', 'unplanned']),
      // Reports written before late additions were told apart have no such key.
      addedLate: instant.nullable().default(null),
      compound: z.boolean(),
      plannedMinutes: z.number().int().nullable(),
      trackedMinutes: z.number().int().nonnegative(),
      result: result.nullable(),
      carriedOver,
      flags: z.array(z.string()),
      // Reports written before assigned work was told from one's own have no such key.
      assigned: z.boolean().default(false),
    }),
  ),
  flaggedEntries: z.array(
    z
      .strictObject({
        id: z.number().int(),
        taskId: z.number().int(),
        title: z.string(),
        start: instant,
        end: instant.nullable(),
        minutes: z.number().int().nonnegative(),
        handMinutes: z.number().int().nonnegative().optional(),
        source: z.enum(['timer', 'manual', 'import']),
        comment: z.string().nullable(),
        retroactive: z.boolean(),
        // Reports written before corrections of timer entries were flagged have no such key.
        corrected: z.boolean().default(false),
        reason: z.string().nullable(),
      })
      // Reports written before time by hand was measured count the whole entry, as they did then.
      .transform((entry) => ({ ...entry, handMinutes: entry.handMinutes ?? entry.minutes })),
  ),
  overdue: z.array(z.strictObject({ id: z.number().int(), title: z.string(), deadline: instant })),
  negativeRatings: z.array(remark),
  unansweredRemarks: z.array(remark),
  totals: totalsSchema,
  recorded: z
    .strictObject({
      recordedAt: instant,
      amended: z.boolean(),
      amendments: z.array(
        z.strictObject({
          entryId: z.number().int(),
          taskId: z.number().int(),
          at: instant,
          before: z.strictObject({ start: instant, end: instant.nullable() }).nullable(),
          after: z.strictObject({ start: instant, end: instant.nullable() }),
          // Reports written before time could be moved between tasks have no such key.
          taskMove: z.strictObject({ from: z.number().int(), to: z.number().int() }).nullable().default(null),
          comment: z.string(),
          reason: z.string().nullable(),
        }),
      ),
      // Reports written before the gate (R23) kept every change have neither key.
      changes: z
        .array(
          z.strictObject({
            at: instant,
            by: z.string(),
            via: z.string().nullable(),
            what: z.string(),
            reason: z.string(),
          }),
        )
        .default([]),
      recordedTotals: totalsSchema.nullable().default(null),
      approval: z
        .strictObject({ by: z.string(), at: instant, mark, comment: z.string().nullable() })
        .nullable(),
    })
    .nullable(),
});

export const teamPersonSchema = z.strictObject({
  user: z.string(),
  fullName: z.string().nullable(),
  plannedMinutes: z.number().int().nonnegative(),
  plannedLateMinutes: z.number().int().nonnegative().nullable().default(null),
  trackedMinutes: z.number().int().nonnegative(),
  // Reports written before untracked time was shown to managers have no such key.
  untrackedMinutes: z.number().int().nonnegative().nullable().default(null),
  ratio: z.number().nullable(),
  days: z.array(
    z.strictObject({
      day,
      plannedMinutes: z.number().int(),
      // Reports written before late additions were told apart have no such key.
      plannedLateMinutes: z.number().int().nonnegative().nullable().default(null),
      trackedMinutes: z.number().int(),
      untrackedMinutes: z.number().int().nonnegative().nullable().default(null),
      report: z.enum(['recorded', 'approved', 'missing', 'not_due']),
      mark: mark.nullable(),
    }),
  ),
  closed: z.array(
    z.strictObject({ taskId: z.number().int(), title: z.string(), status, result: result.nullable() }),
  ),
  overdue: z.array(z.strictObject({ taskId: z.number().int(), title: z.string(), deadline: instant })),
  awaitingControl: z.array(
    z.strictObject({ taskId: z.number().int(), title: z.string(), kind: z.enum(['completion', 'progress']) }),
  ),
  // Reports written before time by hand was counted have no such key.
  byHand: z
    .strictObject({ entries: z.number().int().nonnegative(), minutes: z.number().int().nonnegative() })
    .default({ entries: 0, minutes: 0 }),
  negativeRatings: z.array(remark),
  unansweredRemarks: z.array(remark),
  observing: z.number().int().nonnegative(),
  // Reports written before the team report was the manager's page have none of the keys below.
  tasks: z.array(teamTaskLine).default([]),
  ratings: z
    .array(
      z.strictObject({
        taskId: z.number().int(),
        title: z.string(),
        mark,
        author: z.string(),
        body: z.string(),
        at: instant,
      }),
    )
    .default([]),
  awaitingRating: z.array(z.strictObject({ taskId: z.number().int(), title: z.string() })).default([]),
  unscheduled: z.array(z.strictObject({ taskId: z.number().int(), title: z.string() })).default([]),
  deadlineMoves: z
    .array(
      z.strictObject({ taskId: z.number().int(), title: z.string(), moves: z.number().int().positive() }),
    )
    .default([]),
  assignedMinutes: z.number().int().nonnegative().default(0),
  ownMinutes: z.number().int().nonnegative().default(0),
});

export const teamReportSchema = z.strictObject({
  schema: z.literal('regula.team-report'),
  version: z.literal(1),
  manager: z.string().nullable(),
  from: day,
  to: day,
  generatedAt: instant,
  people: z.array(teamPersonSchema),
  totals: z.strictObject({
    plannedMinutes: z.number().int(),
    trackedMinutes: z.number().int(),
    ratio: z.number().nullable(),
  }),
});

export const periodReportSchema = z.strictObject({
  schema: z.literal('regula.period-report'),
  version: z.literal(1),
  users: z.array(z.string()),
  from: day,
  to: day,
  generatedAt: instant,
  excludedTags: z.array(z.string()),
  days: z.array(z.strictObject({ day, plannedMinutes: z.number().int(), trackedMinutes: z.number().int() })),
  byProject: z.array(z.strictObject({ project: z.string().nullable(), minutes: z.number().int() })),
  byTag: z.array(z.strictObject({ tag: z.string().nullable(), minutes: z.number().int() })),
  byCrm: z.array(z.strictObject({ link: z.string(), minutes: z.number().int() })),
  totals: z.strictObject({
    plannedMinutes: z.number().int(),
    trackedMinutes: z.number().int(),
    ratio: z.number().nullable(),
  }),
});

/** What `task report merge` accepts: day reports and team reports exported by people with --format json. */
export const mergeableReportSchema = z.discriminatedUnion('schema', [dayReportSchema, teamReportSchema]);
