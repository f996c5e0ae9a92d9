import type { CoreContext } from '../context.js';
import { assertTrackedTimeNotAhead } from './checks.js';
import { formatLocalDateTime } from '../local-time.js';
import type { WatsonFrame } from '../../schemas/import.js';
import { importInterval, taskIndex, type IncomingInterval } from './intervals.js';
import { fingerprintOf, runImport, type ImportSummary } from './summary.js';

const SOURCE = { id: 'watson', name: 'Watson' };

/**
 * `task import --from watson`: Watson frames (a project and tags per stretch of time) become time entries
 * of the acting user. A frame belongs to the task "<project>: <tags>", or to the task whose id or title is
 * one of its tags or its project; otherwise "<project>: <tags>" is made, in the regula project of the same name, with the tags as its
 * tags - so reports by project and tag add up as Watson's did. `watson log --current` marks the running
 * frame "current": it becomes the running timer.
 */
export function importWatson(
  context: CoreContext,
  frames: readonly WatsonFrame[],
  dryRun: boolean,
): ImportSummary {
  assertTrackedTimeNotAhead(
    frames.map((frame, i) => ({
      record: `frame ${i + 1} (id ${frame.id})`,
      start: frame.start,
      end: frame.id === 'current' ? null : frame.stop,
      fields: { start: 'start', end: 'stop' },
    })),
    context.now,
  );
  return runImport(context, SOURCE.id, dryRun, (tally, ctx) => {
    const stretches = [...frames]
      .sort((a, b) => a.start.getTime() - b.start.getTime())
      .map((frame) => incoming(ctx, frame));
    const index = taskIndex(ctx, SOURCE.id, stretches);
    for (const stretch of stretches) importInterval(ctx, SOURCE, stretch, index, tally);
  });
}

function incoming(ctx: CoreContext, frame: WatsonFrame): IncomingInterval {
  const tags = frame.tags ?? [];
  // A ":" would split the title in the wrong place (R6): the project is the part before the first one.
  const project = frame.project.replace(/:/g, ' ').trim();
  const title = `${project}: ${tags.length ? tags.join(', ') : `Work on ${project}`}`;
  const running = frame.id === 'current';
  return {
    // Watson gives a frame its id when it stops; its start is stable from the moment it begins.
    key: `${ctx.actor.id}/${frame.start.toISOString()}`,
    label: () =>
      `frame ${running ? 'current' : frame.id.slice(0, 7)} ${formatLocalDateTime(frame.start)} ${frame.project}${tags.length ? ` [${tags.join(', ')}]` : ''}`,
    start: frame.start,
    end: running ? null : frame.stop,
    // Frames of one project with the same tags are the same work.
    work: `project:${frame.project.toLocaleLowerCase()}\u001f${[...new Set(tags)].sort().join('\u001f')}`,
    candidates: [title, ...tags, frame.project],
    newTask: { title, tags },
    comment: [
      `Imported from Watson${running ? '' : ` (frame ${frame.id})`}`,
      `project: ${frame.project}`,
      tags.length ? `tags: ${tags.join(', ')}` : null,
    ]
      .filter(Boolean)
      .join('; '),
    fingerprint: fingerprintOf(running ? { ...frame, stop: null } : frame),
  };
}
