import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CONFIG_KEYS, type Config } from '../core/config.js';
import { StorageError, UsageError } from '../core/errors.js';
import { translateFileError } from '../db/errors.js';
import { writeFileAtomically } from './atomic-write.js';

/** The person's config file (R39: preferences only), changed by `task config` and `task context`. */

type ConfigFileSchema = typeof import('../schemas/config.js')['configFileSchema'];

/** Where the config is: what it holds now (with this invocation's `rc.` words) and its path. */
export interface ConfigFileAccess {
  config(): Config;
  configPath(): string;
}

/**
 * Changes the config file as `change` says, validating the whole result before writing (an unreadable or
 * invalid file is refused and left untouched): `task config` and `task context`.
 */
export async function updateConfigFile(
  where: ConfigFileAccess,
  change: (file: Record<string, unknown>) => void,
): Promise<void> {
  where.config(); // refuses to overwrite a file it cannot read
  const path = where.configPath();
  const { configFileSchema } = await import('../schemas/config.js');
  // Read, change and write under a lock: two terminals changing settings at once both keep their change.
  withFileLock(path, () => {
    const file = readFile(path);
    change(file);
    writeValidated(path, file, configFileSchema);
  });
}

const LOCK_WAIT_MS = 5_000;
/** A lock older than this was left by a process that died; it is taken over. */
const STALE_LOCK_MS = 30_000;

/** Runs `work` holding `PATH.lock` (created exclusively), waiting for another holder up to a few seconds. */
function withFileLock<T>(path: string, work: () => T): T {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const giveUpAt = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw translateFileError(error, lock);
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { force: true });
      else if (Date.now() > giveUpAt)
        throw new StorageError(
          `${lock}: another task command is changing the settings; try again (if none is running, delete that file)`,
        );
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function readFile(path: string): Record<string, unknown> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
}

/** The whole file is validated (zod) before it is written; an invalid result is refused, the file untouched. */
function writeValidated(
  path: string,
  values: Record<string, unknown>,
  configFileSchema: ConfigFileSchema,
): void {
  const checked = configFileSchema.safeParse(values);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new UsageError(
      `${path}: ${issue.path.join('.') || 'the file'}: ${issue.message}; valid keys: ${CONFIG_KEYS.join(', ')}`,
    );
  }
  writeFile(path, values);
}

/** Written to a temporary file and renamed, so a crash never leaves half a config; readable by its owner only. */
function writeFile(path: string, values: Record<string, unknown>): void {
  writeFileAtomically(path, `${JSON.stringify(values, null, 2)}\n`);
}
