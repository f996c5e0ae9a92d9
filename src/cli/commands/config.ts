import type { Command } from 'commander';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  assertConfigKey,
  CONFIG_KEYS,
  describeConfigKey,
  parseConfigValue,
  showConfigValue,
  type Config,
  type ConfigKey,
} from '../../core/config.js';
import { isPolicyKey, policyKeyRefusal, POLICY_KEYS, showPolicyValue } from '../../core/policy.js';
import { StorageError, UsageError } from '../../core/errors.js';
import type { App } from '../app.js';
import { writeFileAtomically } from '../atomic-write.js';
import { translateFileError } from '../../db/errors.js';

type ConfigFileSchema = typeof import('../../schemas/config.js')['configFileSchema'];

export function registerConfigCommands(program: Command, app: App): void {
  const config = program
    .command('config')
    .description('your preferences: acting user, contexts, opening the day (company policy: task policy)');

  config
    .command('list')
    .description('every preference with its value')
    .action(async (_options: object, command: Command) => {
      const values = app.loadConfig();
      if (app.json(command)) return app.printJson(values);
      const shown = CONFIG_KEYS.map((key) => [key, show(key, values)] as const);
      const keyWidth = Math.max(...shown.map(([key]) => key.length));
      const valueWidth = Math.max(8, ...shown.map(([, value]) => value.length));
      const { terminalSafe } = await import('../../format/safe-text.js');
      for (const [key, value] of shown)
        app.print(
          terminalSafe(`${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${describeConfigKey(key)}`),
        );
      app.print(
        `Company policy (${POLICY_KEYS.join(', ')}) is kept in the database, the same for everyone: task policy (R39).`,
      );
    });

  config
    .command('get')
    .description('one preference (or, said as such, a company policy value)')
    .argument('<key>', CONFIG_KEYS.join(', '))
    .action(async (key: string, _options: object, command: Command) => {
      if (isPolicyKey(key)) {
        // R39: readable here, but it is the company's value from the database, not the person's.
        const { policy } = await app.context(command);
        if (app.json(command)) return app.printJson({ [key]: policy[key], policy: true });
        return app.print(
          `${showPolicyValue(key, policy[key] as never)} (company policy, kept in the database: task policy)`,
        );
      }
      const name = assertConfigKey(key);
      const values = app.loadConfig();
      if (app.json(command)) app.printJson({ [name]: values[name] });
      else app.print((await import('../../format/safe-text.js')).terminalSafe(show(name, values)));
    });

  config
    .command('set')
    .description('change a preference')
    .argument('<key>', CONFIG_KEYS.join(', '))
    .argument('<value>', 'new value')
    .action(async (key: string, value: string, _options: object, command: Command) => {
      if (isPolicyKey(key)) throw policyKeyRefusal(key, 'task config set');
      const name = assertConfigKey(key);
      const parsed = parseConfigValue(name, value);
      await updateConfigFile(app, (file) => {
        file[name] = parsed;
      });
      if (app.json(command)) app.printJson({ [name]: parsed });
      else app.print(`${name} = ${showConfigValue(name, parsed as Config[typeof name])}`);
    });

  config
    .command('unset')
    .description('return a preference to its default (or remove a company policy key the file still holds)')
    .argument('<key>', CONFIG_KEYS.join(', '))
    .action(async (key: string) => {
      if (isPolicyKey(key)) {
        // R39: the file no longer decides it; removing it only stops the warning.
        await updateConfigFile(app, (file) => {
          delete file[key];
        });
        return app.print(
          `${key} is not in the config file; it is company policy, kept in the database: task policy`,
        );
      }
      const name = assertConfigKey(key);
      await updateConfigFile(app, (file) => {
        delete file[name];
      });
      app.print(`${name} is back to its default.`);
    });
}

/**
 * Changes the config file as `change` says, validating the whole result before writing (an unreadable or
 * invalid file is refused and left untouched). Also used by `task context`.
 */
export async function updateConfigFile(
  app: App,
  change: (file: Record<string, unknown>) => void,
): Promise<void> {
  app.loadConfig(); // refuses to overwrite a file it cannot read
  const path = app.configPath();
  const { configFileSchema } = await import('../../schemas/config.js');
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

function show(key: ConfigKey, values: Config): string {
  return showConfigValue(key, values[key] as never);
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
