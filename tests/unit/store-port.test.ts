import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The port a second engine implements (issue 19, 23): its signatures speak the domain, and the command
// line reaches SQLite only through the factory in src/db.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

function filesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length));
}

describe('the store port', () => {
  it('names no SQL dialect, table, FTS query or PRAGMA result in the signatures of Store or StoreMaintenance', () => {
    const port = read('src/core/store.ts');
    const signatures = [...port.matchAll(/^ {2}(\w+)(?:<\w+>)?\((.*)$/gm)].map((m) => m[0]);
    expect(signatures.length).toBeGreaterThan(100);
    const engineWords = /\b(sql|fts\w*|pragma|rowid)\b|table|Table|foreignKey|integrityProblems/i;
    expect(signatures.filter((line) => engineWords.test(line))).toEqual([]);
  });

  it('the command line never names the SQLite store or the driver; maintenance runs no SQL', () => {
    const offending = filesUnder('src/cli').filter((file) =>
      /sqlite-store|SqliteStore|better-sqlite3|writeBackup|\.pragma\(|\.prepare\(/.test(read(file)),
    );
    expect(offending).toEqual([]);
    expect(read('src/cli/commands/maintenance.ts')).not.toMatch(/\bSELECT\b|\bPRAGMA\b|\.db\b/);
    expect(read('src/cli/app.ts')).toMatch(/openStoreAt\b/);
  });
});
