import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { checkTimeZone, resolveNow } from '../core/clock.js';
import { configFromFile, DEFAULT_CONFIG, type Config, type ConfigFileContents } from '../core/config.js';
import { UsageError } from '../core/errors.js';

/** Where things live and who acts, resolved from flags, the environment and the config file. */
export interface GlobalFlags {
  db?: string;
  as?: string;
  json?: boolean;
  color?: boolean;
}

export function dataHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_DATA_HOME?.trim() || join(homedir(), '.local', 'share');
}

export function configHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CONFIG_HOME?.trim() || join(homedir(), '.config');
}

/** --db, then REGULA_DB, then $XDG_DATA_HOME/regula/regula.db. */
export function resolveDbPath(
  flags: GlobalFlags,
  env: NodeJS.ProcessEnv,
): { path: string; isDefault: boolean } {
  const explicit = flags.db ?? env.REGULA_DB;
  if (explicit !== undefined) {
    if (explicit.trim() === '')
      throw new UsageError('--db / REGULA_DB is empty; give the path of the database file');
    return { path: explicit, isDefault: false };
  }
  return { path: join(dataHome(env), 'regula', 'regula.db'), isDefault: true };
}

export function resolveConfigPath(env: NodeJS.ProcessEnv): string {
  return env.REGULA_CONFIG?.trim() || join(configHome(env), 'regula', 'config.json');
}

export function loadConfig(path: string): ConfigFileContents {
  if (!existsSync(path)) return { config: { ...DEFAULT_CONFIG }, policy: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${path}: the config file is not valid JSON (${(error as Error).message}); fix or delete it`,
    );
  }
  return configFromFile(raw, path);
}

/** --as, then REGULA_USER, then the config's user, then the operating-system user name. */
export function resolveActorName(flags: GlobalFlags, env: NodeJS.ProcessEnv, config: Config): string {
  const name = flags.as ?? env.REGULA_USER ?? config.user ?? osUserName(env);
  if (name.trim() === '') throw new UsageError('--as / REGULA_USER is empty; name the acting user');
  return name.trim();
}

/** Who the person at the keyboard is when no --as is given: R38 records a switch away from it. */
export function defaultActorName(env: NodeJS.ProcessEnv, config: Config): string {
  return (env.REGULA_USER ?? config.user ?? osUserName(env)).trim();
}

function osUserName(env: NodeJS.ProcessEnv): string {
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'me';
  }
}

export function resolveClock(env: NodeJS.ProcessEnv): Date {
  checkTimeZone(env.TZ);
  return resolveNow(env.REGULA_NOW);
}

/** Colours follow --no-color, NO_COLOR, FORCE_COLOR and whether stdout is a terminal. */
export function useColor(flags: GlobalFlags, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (flags.color === false || flags.json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTty;
}

/** REGULA_BUSY_TIMEOUT_MS: how long to wait for another command's lock (ms); 10 s when unset or invalid. */
export function resolveBusyTimeout(env: NodeJS.ProcessEnv): number {
  const busy = Number(env.REGULA_BUSY_TIMEOUT_MS);
  return env.REGULA_BUSY_TIMEOUT_MS && Number.isFinite(busy) && busy >= 0 ? busy : 10_000;
}
