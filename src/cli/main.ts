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
import { addOptions } from './command-adapter.js';
import { COMMAND_NAMES, type CommandFile, commandFileOf, GLOBAL_OPTIONS } from './command-index.js';
import { COMMAND_LOADERS } from './commands/index.js';
import { DescriptorOutput, type Output } from './output.js';

/** package.json's version, put in by the bundler (scripts/bundle.js). */
declare const __REGULA_VERSION__: string | undefined;

/**
 * The commander program. With `only`, just that command's file is loaded and registered - every `task` is
 * a fresh process, and loading and defining forty commands it will not run costs start-up time. Help,
 * completion and unknown commands (for "did you mean") get them all.
 */
export async function buildProgram(app: App, only?: string, args: readonly string[] = []): Promise<Command> {
  const program = new Command('task')
    .description('regula: tasks, plans and tracked time by the planning regulations')
    .version(typeof __REGULA_VERSION__ === 'string' ? __REGULA_VERSION__ : '0.0.0-dev', '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => app.write(text),
      writeErr: (text) => app.stderr.write(bidiSafe(text)),
      // One line on stderr, like every other error of ours.
      outputError: (text, write) =>
        write(`task: ${terminalSafe(commanderMessage(text, commandPath(program, args)))}\n`),
    });
  addOptions(program, GLOBAL_OPTIONS);
  const file =
    only === undefined || only === 'completion' || only === '__complete' ? undefined : commandFileOf(only);
  const files = file ? [file] : (Object.keys(COMMAND_NAMES) as CommandFile[]);
  const registers = await Promise.all(files.map((name) => COMMAND_LOADERS[name]()));
  for (const register of registers) register(program, app);
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
export async function main(argv: readonly string[], app = standardApp()): Promise<number> {
  // `task list | head`: a reader that stops early is not an error (the database work is already done).
  if (isStream(app.stdout))
    app.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') endAfterBrokenPipe();
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
  const hint = word !== undefined && commandFileOf(word) === undefined ? foreignCommandHint(word) : undefined;
  if (hint !== undefined) {
    app.stderr.write(`task: ${hint}\n`);
    return ExitCode.usage;
  }
  const program = await buildProgram(app, word, args.slice(2));
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

/** The App of the `task` process: stdout and stderr written by descriptor, their streams never made on the way. */
function standardApp(): App {
  return new App(
    process.env,
    new DescriptorOutput(1, () => process.stdout, endAfterBrokenPipe),
    new DescriptorOutput(
      2,
      () => process.stderr,
      () => {},
    ),
  );
}

function endAfterBrokenPipe(): never {
  process.exit(process.exitCode ?? 0);
}

function isStream(output: Output): output is Output & NodeJS.EventEmitter {
  return typeof (output as Partial<NodeJS.EventEmitter>).on === 'function';
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
