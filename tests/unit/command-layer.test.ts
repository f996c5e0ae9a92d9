// Issue 19, "Done when": the command layer asks core and leaves output to src/format; no file in src
// is over 500 lines. The files still being converted are named below; no other file may do these things.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..', '..', 'src');
const COMMANDS_DIR = join(SRC, 'cli', 'commands');

/** Command files not yet converted to command modules (issue 19): take a file off once it is. */
const NOT_YET_CONVERTED: ReadonlySet<string> = new Set([]);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The command files whose lines (imports left out) match `pattern`, with the first such line. */
function commandFilesMatching(pattern: RegExp): Record<string, string> {
  const found: Record<string, string> = {};
  for (const name of readdirSync(COMMANDS_DIR).filter((n) => n.endsWith('.ts'))) {
    const line = readFileSync(join(COMMANDS_DIR, name), 'utf8')
      .split('\n')
      .find((text) => !/^\s*(import|export)\b.*\bfrom\b/.test(text) && pattern.test(text));
    if (line !== undefined && !NOT_YET_CONVERTED.has(name)) found[name] = line.trim();
  }
  return found;
}

describe('issue 19: the command layer', () => {
  it('no file in src is over 500 lines', () => {
    const long = filesUnder(SRC)
      .map((path) => [path.slice(SRC.length + 1), readFileSync(path, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > 500);
    expect(long).toEqual([]);
  });

  it('no command reads or writes the store: it asks core', () => {
    expect(commandFilesMatching(/\bstore\.\w+\(|\.store\b/)).toEqual({});
  });

  it('no command prints: output is its renderers’, in src/format', () => {
    expect(
      commandFilesMatching(
        /console\.(log|info|warn|error)\(|process\.(stdout|stderr)\.write|\bapp\.(print|printJson|write|writeSync|warn)\(/,
      ),
    ).toEqual({});
  });

  it('every command file is command modules: definitions as data, no register* closures', () => {
    expect(commandFilesMatching(/export function register\w*\(/)).toEqual({});
    const withoutModules = readdirSync(COMMANDS_DIR)
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts' && !NOT_YET_CONVERTED.has(name))
      .filter(
        (name) =>
          !/defineModule\(|^export const COMMANDS\b/m.test(readFileSync(join(COMMANDS_DIR, name), 'utf8')),
      );
    expect(withoutModules).toEqual([]);
  });
});
