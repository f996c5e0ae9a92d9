import { Command } from 'commander';
import { commanderCommand, rawInput } from '../../src/cli/command-adapter.js';
import type {
  Ask,
  CommandContext,
  CommandDefinition,
  NewTaskForm,
  RawInput,
} from '../../src/cli/command-module.js';
import type { PlanCandidate, PlanChoice } from '../../src/core/plan.js';
import type { NewTaskInput } from '../../src/core/tasks.js';
import type { Task } from '../../src/core/types.js';
import type { CoreWorld } from './core.js';

/**
 * The layers of a command module's tests (issue 19): argv -> input through commander built from the
 * module's definition, `run` on a CoreWorld (in-memory store, fixed clock), and its renderers alone.
 */

/** What commander makes of these words for this command (the raw input `parse` gets). */
export function rawFromArgv<D extends CommandDefinition>(
  definition: D,
  words: readonly string[],
): RawInput<D> {
  const program = new Command('task')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  let raw: unknown;
  commanderCommand(program, definition).action((...params: unknown[]) => {
    raw = rawInput(params.at(-1) as Command, definition);
  });
  program.parse([definition.name, ...words], { from: 'user' });
  return raw as RawInput<D>;
}

/** The module's input for `task NAME WORDS...` at this moment. */
export function inputFromArgv<D extends CommandDefinition, Input>(
  module: { definition: D; parse(raw: RawInput<D>, now: Date): Input },
  words: readonly string[],
  now = new Date('2026-11-27T09:00:00'),
): Input {
  return module.parse(rawFromArgv(module.definition, words), now);
}

/** What a test gives the context besides the world: the command line's --db/--as, the engines' acts. */
export type ContextOverrides = Partial<
  Pick<CommandContext, 'globals' | 'env' | 'serverSetup' | 'restoreBackup'>
>;

/** The context a command run by this person gets in the test world ("now" is the world's). */
export function commandContext(
  world: CoreWorld,
  name: string,
  json = false,
  overrides: ContextOverrides = {},
): CommandContext {
  return {
    core: async () => world.as(name),
    coreNow: async () => world.as(name),
    maintenance: async () => world.maintenance,
    now: () => world.now,
    globals: { db: undefined, as: undefined },
    serverSetup: async () => {
      throw new Error('no team server in this test');
    },
    restoreBackup: async () => {
      throw new Error('no restore in this test');
    },
    config: () => world.config,
    configPath: () => '/nonexistent/regula/config.toml',
    program: () => ({
      name: 'task',
      aliases: [],
      summary: '',
      hidden: false,
      arguments: [],
      options: [],
      commands: [],
    }),
    env: {},
    json,
    ...overrides,
  };
}

/** A person at a terminal answering from a script; every question asked is kept. */
export class ScriptedAsk implements Ask {
  readonly asked: string[] = [];
  readonly offered: number[][] = [];

  constructor(
    private readonly answers: {
      text?: string[];
      pick?: number[];
      newTask?: NewTaskInput[];
      edited?: string[];
      plan?: PlanChoice[][];
    } = {},
    readonly interactive = true,
  ) {}

  async text(question: string): Promise<string> {
    this.asked.push(question);
    const answer = this.answers.text?.shift();
    if (answer === undefined) throw new Error(`unexpected question: ${question}`);
    return answer;
  }

  async pickTask(message: string, tasks: readonly Task[]): Promise<number> {
    this.asked.push(message);
    this.offered.push(tasks.map((task) => task.id));
    const answer = this.answers.pick?.shift();
    if (answer === undefined) throw new Error(`unexpected pick: ${message}`);
    return answer;
  }

  async newTask(form: NewTaskForm): Promise<NewTaskInput> {
    this.asked.push(`add form: ${form.title}`);
    const answer = this.answers.newTask?.shift();
    if (answer === undefined) throw new Error('unexpected add form');
    return answer;
  }

  async editText(text: string): Promise<string> {
    this.asked.push(text);
    const answer = this.answers.edited?.shift();
    if (answer === undefined) throw new Error('unexpected editor');
    return answer;
  }

  async fixPlan(day: string, candidates: readonly PlanCandidate[]): Promise<PlanChoice[]> {
    this.asked.push(`plan of ${day}`);
    this.offered.push(candidates.map(({ task }) => task.id));
    const answer = this.answers.plan?.shift();
    if (answer === undefined) throw new Error('unexpected plan form');
    return answer;
  }
}

/** No one at a terminal: a question is a failure of the test. */
export const noTerminal = new ScriptedAsk({}, false);
