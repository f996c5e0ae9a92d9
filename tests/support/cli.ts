import { Readable, Writable } from 'node:stream';
import { App } from '../../src/cli/app.js';
import { main } from '../../src/cli/main.js';

/** What one command gives back: the fields of a spawned run the tests read. */
export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it; not a terminal (no isTTY), like a pipe to a test. */
function collector(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return {
    stream: stream as unknown as NodeJS.WriteStream,
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** Like execa's stripFinalNewline. */
function stripFinalNewline(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/**
 * Runs `task ARGS` in this process: the same main() and App the binary runs, with the environment,
 * stdin and clock a spawned run would get, and its exit code instead of process.exit. It skips only the
 * process start (covered by the spawned smoke tests), which is most of an end-to-end test's time.
 * TZ is process-wide, so it is set for the run and put back after it.
 */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string | undefined>,
  input = '',
): Promise<CommandRun> {
  const fullEnv: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries({ ...process.env, ...env }))
    if (value !== undefined) fullEnv[key] = value;
  const out = collector();
  const err = collector();
  const stdin = Readable.from(input === '' ? [] : [input]) as unknown as NodeJS.ReadStream;
  const previousTz = process.env.TZ;
  if (fullEnv.TZ === undefined) delete process.env.TZ;
  else process.env.TZ = fullEnv.TZ;
  let exitCode: number;
  try {
    exitCode = await main(['node', 'task', ...args], new App(fullEnv, out.stream, err.stream, stdin));
  } catch (error) {
    // An error main() does not catch ends a spawned run with exit 1 and its stack on stderr.
    err.stream.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    exitCode = 1;
  } finally {
    if (previousTz === undefined) delete process.env.TZ;
    else process.env.TZ = previousTz;
  }
  return { exitCode, stdout: stripFinalNewline(out.text()), stderr: stripFinalNewline(err.text()) };
}
