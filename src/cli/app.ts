import type { Command } from 'commander';
import {
  colorOverride,
  withOverrides,
  type Config,
  type ConfigFileContents,
  type ConfigOverride,
} from '../core/config.js';
import type { CoreContext } from '../core/context.js';
import { gateStore } from '../core/gate.js';
import { MOVING_IN_ID, resolveActor, serverActor } from '../core/identity.js';
import { policyForCommand, policyWarnings } from '../core/policy.js';
import type { ProgressSink } from '../core/progress.js';
import type { ServerSetup } from '../core/server.js';
import type { OpenedStore, StoreMaintenance } from '../core/store.js';
import type { RestoreAuthorization, RestoreResult } from '../db/backup.js';
import {
  loadConfig,
  defaultActorName,
  resolveActorName,
  resolveBusyTimeout,
  resolveClock,
  resolveConfigPath,
  resolveDbPath,
  useColor,
  type GlobalFlags,
} from './environment.js';
import { bidiSafe, terminalSafe } from '../format/safe-text.js';
import type { StreamedOutput } from '../format/renderers.js';
import { type Output, writeAllSync } from './output.js';
import { ProgressLine } from './progress-line.js';

/** The --reason of the command, where it has one: why a recorded day is corrected (R23). */
function commandReason(command: Command): string | null {
  const reason = (command.opts() as { reason?: unknown }).reason;
  return typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : null;
}

/**
 * What a command action gets: its output streams and, on demand, the opened store and acting user.
 * Nothing is opened or read until a command asks for it, so `--help` and `config` stay instant.
 */
export class App {
  private opened: OpenedStore | undefined;
  private configFile: ConfigFileContents | undefined;
  private config: Config | undefined;
  private coreContext: CoreContext | undefined;
  private progressLine: ProgressLine | undefined;
  /** The exit code of a command that succeeded but reports a problem (task doctor). */
  exitCode: number = 0;
  /** Taskwarrior's `rc.KEY=VALUE` words of this invocation. */
  overrides: readonly ConfigOverride[] = [];

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly stdout: Output,
    readonly stderr: Output,
    private readonly givenStdin?: NodeJS.ReadStream,
  ) {}

  /** Standard input, made on first use: creating `process.stdin` loads Node's stream modules (issue 22). */
  get stdin(): NodeJS.ReadStream {
    return this.givenStdin ?? process.stdin;
  }

  /** Prompts are allowed only when a person sits at a terminal: stdin and stdout both TTYs, no --json. */
  interactive(command: Command): boolean {
    return Boolean(this.stdout.isTTY && this.stdin.isTTY) && !this.json(command);
  }

  /** Asks for one line of text (loads the prompt library only when it is needed). */
  async ask(message: string, required = true): Promise<string> {
    const { input } = await import('@inquirer/prompts');
    return input({ message, required });
  }

  flags(command: Command): GlobalFlags {
    return command.optsWithGlobals() as GlobalFlags;
  }

  now(): Date {
    return resolveClock(this.env);
  }

  configPath(): string {
    return resolveConfigPath(this.env);
  }

  /** What the config file holds, read once per command. */
  private readConfigFile(): ConfigFileContents {
    this.configFile ??= loadConfig(this.configPath());
    return this.configFile;
  }

  /** The person's preferences: the config file with this invocation's `rc.` words applied. */
  loadConfig(): Config {
    this.config ??= withOverrides(this.readConfigFile().config, this.overrides);
    return this.config;
  }

  /** Refuses bad `rc.` words before the command runs, so a command never writes and then fails on them. */
  checkOverrides(): void {
    if (this.overrides.length === 0) return;
    this.loadConfig();
    colorOverride(this.overrides);
  }

  /** The store at --db / REGULA_DB (or the default location), opened and migrated once per command; src/db picks the engine. */
  private async open(command: Command): Promise<OpenedStore> {
    if (!this.opened) {
      const { openStoreAt } = await import('../db/index.js');
      const { path, isDefault } = resolveDbPath(this.flags(command), this.env);
      const busy = Number(this.env.REGULA_BUSY_TIMEOUT_MS);
      this.opened = await openStoreAt(path, {
        createParent: isDefault,
        ...(Number.isFinite(busy) && busy >= 0 && this.env.REGULA_BUSY_TIMEOUT_MS
          ? { busyTimeoutMs: busy }
          : {}),
      });
    }
    return this.opened;
  }

  /** The engine's upkeep (backup, storage checks) for `task backup` and `task doctor`. */
  async maintenance(command: Command): Promise<StoreMaintenance> {
    return (await this.open(command)).maintenance;
  }

  /** A team server's set-up ports over one administrator connection, closed after `work` (issue 23). */
  async serverSetup<T>(conninfo: string, work: (setup: ServerSetup) => T): Promise<T> {
    const { withServerSetup } = await import('../db/postgres/setup.js');
    return withServerSetup(conninfo, work);
  }

  /** `task restore-backup`: the backup put in place of the database this command names; no store is opened. */
  async restoreBackup(
    command: Command,
    file: string,
    authorize: RestoreAuthorization,
  ): Promise<RestoreResult> {
    const { path, isDefault } = resolveDbPath(this.flags(command), this.env);
    const { restoreBackup } = await import('../db/backup.js');
    return restoreBackup(file, path, {
      busyTimeoutMs: resolveBusyTimeout(this.env),
      createParent: isDefault,
      authorize,
    });
  }

  /**
   * The core context for a command: store opened and migrated, acting user known (created on first use),
   * the company policy read (R39; a new database's starting policy taken from its first user's config file).
   */
  async context(command: Command): Promise<CoreContext> {
    if (!this.coreContext) {
      const config = this.loadConfig();
      const now = this.now();
      // The store itself stays here: core gets it only through the gate.
      const opened = await this.open(command);
      const raw = opened.store;
      const flags = this.flags(command);
      const importing = command.name() === 'import';
      const connected = opened.identity?.();
      const name = connected ? undefined : resolveActorName(flags, this.env, config);
      const own = connected ? undefined : defaultActorName(this.env, config);
      const gate = {
        now,
        via: flags.as !== undefined && name !== own ? (own ?? null) : null,
        reason: commandReason(command),
        importing,
      };
      // On the team server the login is who acts (R38); on a file only the very first person of an empty
      // database is written before anyone acts.
      const actor = connected
        ? serverActor(connected, flags.as ?? this.env.REGULA_USER, importing, now)
        : resolveActor(gateStore(raw, { ...gate, actor: null }), name!, now);
      const store = gateStore(raw, { ...gate, actor });
      // The administrator moving a team in is nobody's person yet: the export brings the policy.
      const fromFile = actor.id === MOVING_IN_ID ? {} : this.readConfigFile().policy;
      const outcome = policyForCommand({ store, actor, now }, fromFile);
      this.warn(policyWarnings(this.configPath(), fromFile, outcome));
      this.coreContext = {
        store,
        actor,
        now,
        config,
        policy: outcome.policy,
        progress: this.progress(command),
      };
    }
    return this.coreContext;
  }

  /** Long work's progress: a line on stderr when a person watches a terminal, never in pipes or with --json. */
  private progress(command: Command): ProgressSink | undefined {
    if (!this.stderr.isTTY || this.json(command)) return undefined;
    this.progressLine = new ProgressLine(this.stderr);
    return this.progressLine.sink;
  }

  /** Erases the progress line, if one was drawn, before the command's output, warnings or error. */
  endProgress(): void {
    this.progressLine?.clear();
  }

  /**
   * Output written while the work goes on (an export read section by section): its progress is shown
   * while stdout goes elsewhere (a file, a pipe), never between the output's own lines on a terminal.
   */
  streamOutput(output: StreamedOutput): void {
    if (this.stdout.isTTY) this.progressLine?.mute();
    try {
      output.stream((chunk) => this.writeSync(chunk));
    } finally {
      this.endProgress();
    }
  }

  /**
   * The context again, with "now" read afresh: after a person answered questions, time has moved on -
   * and R31 counts the time spent writing the result toward the task. (A fixed REGULA_NOW stays fixed.)
   */
  async contextNow(command: Command): Promise<CoreContext> {
    const ctx = await this.context(command);
    this.coreContext = { ...ctx, now: this.now() };
    return this.coreContext;
  }

  color(command: Command): boolean {
    const flags = this.flags(command);
    // The command line beats the environment (NO_COLOR, the terminal); --no-color and --json beat rc.color.
    const rc = colorOverride(this.overrides);
    if (rc !== null) return rc && flags.color !== false && !flags.json;
    return useColor(flags, this.env, Boolean(this.stdout.isTTY));
  }

  json(command: Command): boolean {
    return Boolean(this.flags(command).json);
  }

  /** The terminal width renderers must fit: COLUMNS, the terminal, or 80. */
  width(): number {
    return Number(this.env.COLUMNS) || this.stdout.columns || 80;
  }

  // Every write to stdout shows bidi controls as \uXXXX: a U+202E in a title never reaches a terminal (issue 21).
  print(text: string): void {
    this.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  write(text: string): void {
    this.stdout.write(bidiSafe(text));
  }

  /**
   * Writes now, waiting for a slow reader (a pipe) instead of buffering: large exports stay small in
   * memory. Falls back to the stream when stdout is not a file descriptor (tests, embedding).
   */
  writeSync(raw: string): void {
    const text = bidiSafe(raw);
    const fd = this.stdout.fd;
    if (typeof fd !== 'number') {
      this.stdout.write(text);
      return;
    }
    try {
      writeAllSync(fd, text);
    } catch (error) {
      // The reader went away (`| head`): the rest is not wanted, and that is not an error.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
      throw error;
    }
  }

  printJson(value: unknown): void {
    this.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Warnings on stderr; they quote titles and names, so escape sequences in them are shown, not run. */
  warn(messages: readonly string[]): void {
    for (const message of messages) this.stderr.write(`warning: ${terminalSafe(message)}\n`);
  }

  close(): void {
    this.opened?.close();
    this.opened = undefined;
    this.coreContext = undefined;
  }
}
