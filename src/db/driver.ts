import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let addonPath: string | undefined | null = null;

/**
 * The addon's path, found once: better-sqlite3 otherwise searches a dozen places for it on every open,
 * which every `task` invocation would pay for.
 */
export function nativeBinding(): { nativeBinding?: string } {
  if (addonPath === null) addonPath = findAddon();
  return addonPath === undefined ? {} : { nativeBinding: addonPath };
}

function findAddon(): string | undefined {
  try {
    const require = createRequire(__filename);
    const addon = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    return existsSync(addon) ? addon : undefined;
  } catch {
    return undefined;
  }
}
