import type { CoreContext } from '../context.js';
import { assertTrackedTimeNotAhead } from './checks.js';
import { formatLocalDateTime } from '../local-time.js';
import type { TimewarriorInterval } from '../../schemas/import.js';
import { importInterval, taskIndex, type IncomingInterval } from './intervals.js';
import { runImport, type ImportSummary } from './summary.js';

const SOURCE = { id: 'timewarrior', name: 'Timewarrior' };

/**
 * `task import --from timewarrior`: `timew export` intervals become time entries of the acting user. An
 * interval belongs to the task whose id ("12", "#12") or title equals its annotation or one of its tags;
 * otherwise a task is made from the annotation (or the tags). An open interval becomes the running timer.
 */
export function importTimewarrior(
  context: CoreContext,
  intervals: readonly TimewarriorInterval[],
  dryRun: boolean,
): ImportSummary {
  assertTrackedTimeNotAhead(
    intervals.map((interval, i) => ({
      record: `interval ${i + 1}${interval.id !== undefined ? ` (id ${interval.id})` : ''}`,
      start: interval.start,
      end: interval.end ?? null,
      fields: { start: 'start', end: 'end' },
    })),
    context.now,
  );
  return runImport(context, SOURCE.id, dryRun, (tally, ctx) => {
    const stretches = [...intervals]
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((interval) => incoming(ctx, interval));
    const index = taskIndex(ctx, SOURCE.id, stretches);
    for (const stretch of stretches) importInterval(ctx, SOURCE, stretch, index, tally);
  });
}

function incoming(ctx: CoreContext, interval: TimewarriorInterval): IncomingInterval {
  const tags = interval.tags ?? [];
  const annotation = interval.annotation?.trim() || null;
  // The same tags in any order are the same work (Timewarrior sorts them; a hand-made file may not).
  const sortedTags = [...new Set(tags)].sort();
  const start = interval.start.toISOString();
  const tagTitle = sortedTags.join(' ');
  return {
    // Timewarrior's interval ids are positions that change; the start of one person's interval is stable.
    key: `${ctx.actor.id}/${start}`,
    label: () =>
      `interval ${formatLocalDateTime(interval.start)}${tags.length ? ` [${tags.join(', ')}]` : ''}`,
    start: interval.start,
    end: interval.end ?? null,
    work: annotation ? `annotation:${annotation.toLocaleLowerCase()}` : `tags:${sortedTags.join('\u001f')}`,
    candidates: [annotation, sortedTags.length > 1 ? tagTitle : null, ...tags].filter((c): c is string =>
      Boolean(c?.trim()),
    ),
    newTask: {
      title: (annotation || tagTitle).trim() || 'Imported time',
      tags: sortedTags.filter((t) => t !== interval.annotation),
    },
    comment: [
      'Imported from Timewarrior',
      interval.annotation,
      tags.length ? `tags: ${tags.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join('; '),
    fingerprint: intervalFingerprint(interval, start),
  };
}

/**
 * fingerprintOf(interval), written out field by field in the schema's order - the same text, without
 * JSON.stringify calling each Date's toJSON (a history import makes 50,000 of them). `start` is the
 * start's ISO text, made once for the key too.
 */
export function intervalFingerprint(interval: TimewarriorInterval, start: string): string {
  let text =
    interval.id !== undefined
      ? `{"id":${JSON.stringify(interval.id)},"start":"${start}"`
      : `{"start":"${start}"`;
  if (interval.end !== undefined) text += `,"end":"${interval.end.toISOString()}"`;
  if (interval.tags !== undefined) text += `,"tags":${JSON.stringify(interval.tags)}`;
  if (interval.annotation !== undefined) text += `,"annotation":${JSON.stringify(interval.annotation)}`;
  return `${text}}`;
}
