import { Command, CommanderError } from 'commander';
import { ExitCode, RegulaError } from '../core/errors.js';
import { App } from './app.js';
import {
  commanderMessage,
  commandWord,
  filterBeforeCommand,
  splitConfigOverrides,
  taskwarriorOrder,
} from './argv.js';
import { foreignCommandHint } from './foreign-commands.js';
import { bidiSafe, terminalSafe } from '../format/safe-text.js';
import { registerConfigCommands } from './commands/config.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerContextCommands } from './commands/context.js';
import { registerTaskCommands } from './commands/tasks.js';
import { registerTimerCommands } from './commands/timers.js';
import { registerUserCommands } from './commands/users.js';
import { registerReviewCommands } from './commands/review.js';
import { registerTimeCommands } from './commands/time.js';
import { registerWorkflowCommands } from './commands/workflow.js';
import { registerDayCommands } from './commands/day.js';
import { registerPlanCommands } from './commands/plan.js';
import { registerReportCommands } from './commands/report.js';
import { registerInterchangeCommands } from './commands/interchange.js';
import { registerFindCommands } from './commands/find.js';
import { registerTemplateCommands } from './commands/templates.js';
import { registerCompletionCommands } from './commands/completion.js';
import { registerMaintenanceCommands } from './commands/maintenance.js';
import { registerServerCommands } from './commands/server.js';

type Register = (program: Command, app: App) => void;

/** package.json's version, put in by the bundler (scripts/bundle.js). */
declare const __REGULA_VERSION__: string | undefined;

/** Top-level command names of each registration group, so one invocation registers only its own group. */
const COMMAND_GROUPS: [readonly string[], Register][] = [
  [
    [
      'add',
      'log',
      'list',
      'next',
      'show',
      'info',
      'edit',
      'modify',
      'append',
      'prepend',
      'done',
      'comment',
      'annotate',
      'history',
      'undo',
    ],
    registerTaskCommands,
  ],
  [['start', 'pause', 'stop', 'cancel', 'resume', 'status'], registerTimerCommands],
  [['time'], registerTimeCommands],
  [
    ['stec', 'general', 'copy', 'duplicate', 'continue', 'reopen', 'delete', 'restore'],
    registerWorkflowCommands,
  ],
  [['control', 'submit', 'review', 'accept', 'return', 'reply', 'inbox'], registerReviewCommands],
  [['day'], registerDayCommands],
  [['plan'], registerPlanCommands],
  [['report', 'summary'], registerReportCommands],
  [['import', 'export'], registerInterchangeCommands],
  [['search', 'today', 'week', 'calendar', 'projects', 'tags'], registerFindCommands],
  [['template'], registerTemplateCommands],
  [['completion', '__complete'], registerCompletionCommands],
  [['backup', 'restore-backup', 'doctor'], registerMaintenanceCommands],
  [['user'], registerUserCommands],
  [['config'], registerConfigCommands],
  [['policy'], registerPolicyCommands],
  [['context'], registerContextCommands],
  [['server'], registerServerCommands],
];

/**
 * The commander program. With `only`, just that command's group is registered - every `task` is a fresh
 * process, and defining forty commands it will not run costs start-up time. Help, completion and unknown
 * commands (for "did you mean") get them all.
 */
export function buildProgram(app: App, only?: string, args: readonly string[] = []): Command {
  const program = new Command('task')
    .description('regula: tasks, plans and tracked time by the planning regulations')
    .version(typeof __REGULA_VERSION__ === 'string' ? __REGULA_VERSION__ : '0.0.0-dev', '-V, --version')
    .option('--db <path>', 'database file (default $XDG_DATA_HOME/regula/regula.db, or REGULA_DB)')
    .option('--as <user>', 'acting user (or REGULA_USER, the config user, the OS user)')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => app.write(text),
      writeErr: (text) => app.stderr.write(bidiSafe(text)),
      // One line on stderr, like every other error of ours.
      outputError: (text, write) =>
        write(`task: ${terminalSafe(commanderMessage(text, commandPath(program, args)))}\n`),
    });
  const group =
    only === undefined || only === 'completion' || only === '__complete'
      ? undefined
      : COMMAND_GROUPS.find(([names]) => names.includes(only));
  for (const [, register] of group ? [group] : COMMAND_GROUPS) register(program, app);
  return program;
}

/** The command as typed, subcommand included (`plan add`), for messages. */
function commandPath(program: Command, args: readonly string[]): string | undefined {
  const words = args.filter(
    (arg, i) => !arg.startsWith('-') && !['--db', '--as'].includes(args[i - 1] ?? ''),
  );
  const command = program.commands.find((c) => c.name() === words[0] || c.aliases().includes(words[0] ?? ''));
  if (!command) return words[0];
  const sub = command.commands.find((c) => c.name() === words[1] || c.aliases().includes(words[1] ?? ''));
  return sub ? `${command.name()} ${sub.name()}` : words[0];
}

/** Runs one invocation and returns its exit code; the only place errors become exit codes. */
export async function main(
  argv: readonly string[],
  app = new App(process.env, process.stdout, process.stderr),
): Promise<number> {
  // `task list | head`: a reader that stops early is not an error (the database work is already done).
  app.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const { args: words, overrides } = splitConfigOverrides(argv.slice(2));
  app.overrides = overrides;
  const filtered = filterBeforeCommand(words);
  if (filtered) {
    const { terms, command } = filtered;
    app.stderr.write(
      terminalSafe(
        `task: regula changes tasks named by id, not by a filter: see them with task list ${terms.join(' ')}, then task ID,ID ${command} ... (several ids change together or not at all)`,
      ) + '\n',
    );
    return ExitCode.usage;
  }
  // `task` alone shows your list, and `task 12 start` works, as Taskwarrior users expect.
  const args = [...argv.slice(0, 2), ...taskwarriorOrder(words)];
  const word = commandWord(args.slice(2));
  const hint =
    word !== undefined && !COMMAND_GROUPS.some(([names]) => names.includes(word))
      ? foreignCommandHint(word)
      : undefined;
  if (hint !== undefined) {
    app.stderr.write(`task: ${hint}\n`);
    return ExitCode.usage;
  }
  const program = buildProgram(app, word, args.slice(2));
  try {
    app.checkOverrides();
    await program.parseAsync(args);
    return app.exitCode;
  } catch (error) {
    return exitCodeFor(error, app);
  } finally {
    app.close();
  }
}

function exitCodeFor(error: unknown, app: App): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (with a "did you mean" where it has one).
    if (
      error.exitCode === 0 ||
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version'
    )
      return ExitCode.ok;
    return ExitCode.usage;
  }
  // Ctrl-C at a prompt (@inquirer/prompts' ExitPromptError): the person left; every prompt comes before the write.
  if (error instanceof Error && error.name === 'ExitPromptError') return ExitCode.interrupted;
  if (app.env.REGULA_DEBUG === '1' && error instanceof Error) app.stderr.write(`${error.stack}\n`);
  if (error instanceof RegulaError) {
    app.stderr.write(`task: ${oneLine(error.message)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  app.stderr.write(`task: unexpected error: ${oneLine(message)} (run with REGULA_DEBUG=1 for details)\n`);
  return ExitCode.unexpected;
}

/** One line, and safe: messages quote titles and input, whose escape sequences are shown, not run. */
function oneLine(message: string): string {
  return terminalSafe(message.replace(/\s*\n\s*/g, ' '));
}
