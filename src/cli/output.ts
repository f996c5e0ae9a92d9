import { fstatSync, writeSync } from 'node:fs';

/** What the CLI needs of stdout and stderr: a Node stream (tests, embedding) or a `DescriptorOutput`. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
  /** The file descriptor behind it, when there is one: `App.writeSync` writes large output through it. */
  readonly fd?: number;
}

/** The buffer writes encode text into (chunks of list and export output are well under this). */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

/**
 * Writes `text` to `fd` now, waiting for a slow reader (a pipe) instead of buffering. One reused buffer
 * for the usual chunk: a fresh one per chunk is memory outside the heap that only a garbage collection
 * gives back, and a long list writes thousands of chunks. Errors other than EAGAIN are thrown.
 */
export function writeAllSync(fd: number, text: string): void {
  const length = Buffer.byteLength(text, 'utf8');
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  const buffer =
    length <= scratch.length
      ? scratch.subarray(0, scratch.write(text, 0, 'utf8'))
      : Buffer.from(text, 'utf8');
  for (let offset = 0; offset < buffer.length; ) {
    try {
      offset += writeSync(fd, buffer, offset);
    } catch (error) {
      // A descriptor another process left non-blocking: wait for the reader, as process.stdout would.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

/**
 * Standard output or error written with `fs.writeSync`, never through `process.stdout`/`process.stderr`:
 * making those streams loads Node's net, stream and tty modules, ~13% of the instructions of `task status`
 * (issue 22). What it prints and when is what the stream printed: writes are synchronous (as Node's are
 * for files, pipes and terminals on Linux); a reader gone away (`task list | head -1`) ends the process
 * with the exit code it has, on the next tick, as the stream's 'error' event did (`onBrokenPipe`); a
 * closed descriptor swallows the output, as Node's stand-in stream does.
 */
export class DescriptorOutput implements Output {
  private terminal: boolean | undefined;
  private broken = false;

  constructor(
    readonly fd: number,
    /** The stream of the same descriptor, made only for a terminal's width. */
    private readonly stream: () => NodeJS.WriteStream,
    private readonly onBrokenPipe: () => void,
  ) {}

  /** Only a character device can be a terminal: a pipe or a file is told by `fstat`, without node:tty. */
  get isTTY(): boolean {
    this.terminal ??= isCharacterDevice(this.fd) && isTerminal(this.fd);
    return this.terminal;
  }

  get columns(): number | undefined {
    return this.isTTY ? this.stream().columns : undefined;
  }

  write(text: string): boolean {
    if (this.broken || text === '') return true;
    try {
      writeAllSync(this.fd, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.broken = true;
      if (code === 'EPIPE') process.nextTick(this.onBrokenPipe);
      else if (code !== 'EBADF') throw error;
    }
    return true;
  }
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** node:tty (with net and streams behind it) is loaded only for a character device: a terminal or /dev/null. */
function isTerminal(fd: number): boolean {
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}
