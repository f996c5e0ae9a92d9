import { checkbox, input } from '@inquirer/prompts';
import { DURATION_FORMS, parseDurationMinutes } from '../../core/duration.js';
import type { PlanCandidate, PlanChoice } from '../../core/plan.js';
import { terminalSafe } from '../../format/safe-text.js';
import { planText } from '../../format/text.js';

const WHY = { deadline: 'due', added: 'added', overdue: 'OVERDUE' } as const;

/**
 * R20 on a terminal: the day's plan is fixed by ticking tasks (those in it now come ticked), then giving
 * the planned time of each ticked task that has none (R8; left empty, it stays missing and flagged).
 */
export async function askPlan(day: string, candidates: readonly PlanCandidate[]): Promise<PlanChoice[]> {
  const picked = await checkbox<number>({
    message: `The plan of ${day}: tick its tasks (space), then press enter (R20)`,
    choices: candidates.map(({ task, source }) => ({
      name: terminalSafe(
        `${String(task.id).padStart(5)}  ${(task.kind === 'general' ? 'compound' : planText(task.plannedMinutes)).padStart(8)}  ${task.title}${source ? `  [${WHY[source]}]` : ''}`,
      ),
      value: task.id,
      checked: source !== null,
    })),
    pageSize: 15,
    loop: false,
  });
  const byId = new Map(candidates.map((c) => [c.task.id, c.task]));
  const choices: PlanChoice[] = [];
  for (const id of picked) {
    const task = byId.get(id)!;
    if (task.kind === 'general' || task.plannedMinutes !== null) {
      choices.push({ taskId: id });
      continue;
    }
    const text = await input({
      message: terminalSafe(`Planned time for ${id} ${task.title} (R8; empty: none yet)`),
      validate: (value) =>
        value.trim() === '' || parseDurationMinutes(value) !== null || `use ${DURATION_FORMS}`,
    });
    choices.push(
      text.trim() === '' ? { taskId: id } : { taskId: id, plannedMinutes: parseDurationMinutes(text)! },
    );
  }
  return choices;
}
