import type { Config } from '../core/config.js';
import type { CoreContext } from '../core/context.js';
import type { PlanCandidate, PlanChoice } from '../core/plan.js';
import type { ServerSetup } from '../core/server.js';
import type { StoreMaintenance } from '../core/store.js';
import type { NewTaskDefaults, NewTaskInput } from '../core/tasks.js';
import type { Task } from '../core/types.js';
import type { RestoreAuthorization, RestoreResult } from '../db/backup.js';
import type { CommandShape } from './command-tree.js';
import type { Renderers } from '../format/renderers.js';

export { type Renderers, StreamedOutput, type TextView } from '../format/renderers.js';

/**
 * A command as a module (issue 19): its definition as data, a pure `parse` from commander's strings to a
 * typed input, a `run` that asks core and returns what happened (never prints), and the renderers of
 * `src/format` that turn that into text or JSON. `command-adapter.ts` builds commander from the
 * definitions; `docs/architecture.md` ("Adding or converting a command") is the recipe.
 */

/** `<id>` one, `[id]` optional, `<ids...>` one or more, `[words...]` any number. */
export interface ArgumentDefinition {
  readonly name: string;
  readonly kind: 'one' | 'optional' | 'many' | 'optionalMany';
  readonly description: string;
}

/**
 * An option, named by its key in `options` (camelCase, written `--kebab-case`):
 * - `switch`: `--team`, true when given;
 * - `toggle`: `--accept` and `--no-accept`, true, false or not given;
 * - `off`: `--no-color` alone, true unless given;
 * - `text`: `--at <time>`, one value (`required` makes commander insist on it; `default` when not given);
 * - `list`: `--tag <tag>`, repeatable and comma-separated; `rawList` keeps commas (links, free text);
 * - `choice`: `--sort <key>`, one of `choices` (with an optional `default`).
 */
export type OptionDefinition =
  | { readonly kind: 'switch'; readonly description: string; readonly short?: string }
  | { readonly kind: 'toggle'; readonly description: string; readonly offDescription: string }
  | { readonly kind: 'off'; readonly description: string }
  | {
      readonly kind: 'text';
      readonly value: string;
      readonly description: string;
      readonly short?: string;
      readonly required?: boolean;
      /** The value when not given (shown in --help). */
      readonly default?: string;
    }
  | { readonly kind: 'list' | 'rawList'; readonly value: string; readonly description: string }
  | {
      readonly kind: 'choice';
      readonly value: string;
      readonly description: string;
      readonly choices: readonly string[];
      readonly default?: string;
      /** commander insists on it (`task export --format`). */
      readonly required?: boolean;
    };

export type OptionDefinitions = Readonly<Record<string, OptionDefinition>>;

export interface CommandDefinition {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** The line `task --help` and `task NAME --help` show. */
  readonly summary: string;
  readonly arguments: readonly ArgumentDefinition[];
  readonly options: OptionDefinitions;
  /** Left out of `task --help` and of completion (`task __complete`). */
  readonly hidden?: boolean;
  /** Words that look like options are arguments (Taskwarrior's `-TAG` filter word). */
  readonly allowUnknownOptions?: boolean;
  /** No `--help` of its own: every word is an argument (`task __complete`). */
  readonly noHelpOption?: boolean;
  /**
   * It changes the tasks it is given by id, as Taskwarrior's command of that word does; a filter written
   * before it (Taskwarrior's `task +urgent modify pri:H`) is answered with how to name the ids (argv.ts).
   */
  readonly takesTaskIds?: boolean;
  /** What Taskwarrior's `-TAG` word is after this command (argv.ts); see MinusTag. */
  readonly minusTag?: MinusTag;
}

/**
 * Taskwarrior's `-TAG` after a command: a filter word (`list -home`: tasks not tagged home), or the value
 * of one of the command's options, by its key (`modify -urgent` is `--untag urgent`).
 */
export type MinusTag = 'filter' | { readonly option: string };

type ArgumentValue<A extends ArgumentDefinition> = A['kind'] extends 'one'
  ? string
  : A['kind'] extends 'optional'
    ? string | undefined
    : string[];

type OptionValue<O extends OptionDefinition> = O extends { kind: 'switch' | 'toggle' }
  ? boolean | undefined
  : O extends { kind: 'off' }
    ? boolean
    : O extends { kind: 'text'; required: true } | { kind: 'text'; default: string }
      ? string
      : O extends { kind: 'text' }
        ? string | undefined
        : O extends { kind: 'list' | 'rawList' }
          ? string[] | undefined
          : O extends
                | { kind: 'choice'; choices: readonly (infer C)[]; default: string }
                | { kind: 'choice'; choices: readonly (infer C)[]; required: true }
            ? C
            : O extends { kind: 'choice'; choices: readonly (infer C)[] }
              ? C | undefined
              : never;

/** What commander hands a command, typed by its definition: arguments by name, options by key. */
export interface RawInput<D extends CommandDefinition> {
  readonly args: { readonly [A in D['arguments'][number] as A['name']]: ArgumentValue<A> };
  readonly options: { readonly [K in keyof D['options']]: OptionValue<D['options'][K]> };
}

/** The definition as written, its literal kinds kept so `parse` gets typed input. */
export function defineCommand<const D extends CommandDefinition>(definition: D): D {
  return definition;
}

/** What `run` may use besides core: nothing here prints. */
export interface CommandContext {
  /** The core context: the store opened (on the first call) and gated, the acting user known, the policy read. */
  core(): Promise<CoreContext>;
  /** The core context with "now" read again: after a person answered questions time has moved on (R31). */
  coreNow(): Promise<CoreContext>;
  /** The engine's upkeep (backup, storage checks). */
  maintenance(): Promise<StoreMaintenance>;
  /** The command's moment, read without opening anything (REGULA_NOW fixes it). */
  now(): Date;
  /** The global --db and --as as written on this command line (not REGULA_DB or REGULA_USER). */
  readonly globals: { readonly db: string | undefined; readonly as: string | undefined };
  /** Connects to a team server as its administrator and runs `work` on its set-up ports (issue 23). */
  serverSetup<T>(conninfo: string, work: (setup: ServerSetup) => T): Promise<T>;
  /** Puts a backup in place of the database (--db, REGULA_DB or the default); `authorize` may refuse (R38). */
  restoreBackup(file: string, authorize: RestoreAuthorization): Promise<RestoreResult>;
  /** The person's preferences (config file and this invocation's `rc.` words). */
  config(): Config;
  configPath(): string;
  /** The program's commands as data (shell completion walks them). */
  program(): CommandShape;
  readonly env: NodeJS.ProcessEnv;
  /** --json was given (some refusals say how to do it without a form). */
  readonly json: boolean;
}

/** The questions `run` may ask; only when `interactive` (a person at a terminal, no --json). */
export interface Ask {
  readonly interactive: boolean;
  /** One line of text. */
  text(question: string, required?: boolean): Promise<string>;
  /** One of these tasks, typed to narrow; answers its id. */
  pickTask(message: string, tasks: readonly Task[]): Promise<number>;
  /** The `task add -i` form (R0, R5): the new task's fields, with these defaults and choices. */
  newTask(form: NewTaskForm): Promise<NewTaskInput>;
  /** The text opened in the person's editor (VISUAL, EDITOR); answers what they saved. */
  editText(text: string): Promise<string>;
  /** `task plan fix` (R20, R34): the day's tasks ticked, with the planned times given. */
  fixPlan(day: string, candidates: readonly PlanCandidate[]): Promise<PlanChoice[]>;
}

/** What the `task add -i` form starts from. */
export interface NewTaskForm {
  readonly title: string;
  readonly projects: string[];
  readonly tags: string[];
  readonly now: Date;
  readonly filing?: NewTaskDefaults;
}

export interface CommandModule<D extends CommandDefinition, Input, Result> {
  readonly definition: D;
  /** Pure: commander's strings to typed input; bad input throws UsageError naming the flag. */
  parse(raw: RawInput<D>, now: Date): Input;
  /** Asks core, may ask the person, returns what happened; never prints. */
  run(ctx: CommandContext, input: Input, ask: Ask): Promise<Result>;
  /** Warnings for stderr (R3, R34 ...), written before the output. */
  warnings?(result: Result): readonly string[];
  /** A result that is not a plain success (task doctor finding problems). */
  exitCode?(result: Result): number;
  /** Its renderers from `src/format`, loaded only when the command has run (start-up stays lean). */
  renderers(): Promise<Renderers<Result>>;
}

/**
 * Any command module, as the adapter holds them: each is checked against its own definition at
 * `defineModule`; here its input and result are erased (`never` in, `unknown` out), and the adapter hands
 * each method only what the same module's previous method gave back.
 */
export interface SomeCommandModule {
  readonly definition: CommandDefinition;
  parse(raw: never, now: Date): unknown;
  run(ctx: CommandContext, input: never, ask: Ask): Promise<unknown>;
  warnings?(result: never): readonly string[];
  exitCode?(result: never): number;
  renderers(): Promise<Renderers<never>>;
}

/**
 * A command word with commands under it (`task policy set`, `task time add`). `default` is what the word
 * alone does (`task policy` lists): its arguments and options become the group command's; its own
 * definition's name and summary are not used (the group's are).
 */
export interface CommandGroup {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly default?: SomeCommandModule;
  readonly commands: readonly CommandEntry[];
}

/** What a command file exports as COMMANDS: modules and groups of them. */
export type CommandEntry = SomeCommandModule | CommandGroup;

export function isCommandGroup(entry: CommandEntry): entry is CommandGroup {
  return 'commands' in entry;
}

/** A group of command modules under one word. */
export function defineGroup(group: CommandGroup): CommandGroup {
  return group;
}

/** A command module, its parse/run/render checked against its definition. */
export function defineModule<const D extends CommandDefinition, Input, Result>(
  module: CommandModule<D, Input, Result>,
): CommandModule<D, Input, Result> {
  return module;
}

/** `oneIdPerLine` is written `--one-id-per-line`. */
export function optionFlag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The `--flags` of these options that take a value (their value is never a command word, argv.ts). */
export function valueTakingFlags(options: OptionDefinitions): string[] {
  return Object.entries(options)
    .filter(([, option]) => 'value' in option)
    .map(([key]) => optionFlag(key));
}
