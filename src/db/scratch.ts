import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * An in-memory database made from the image of another (`serialize()`): what a dry run writes to. The
 * addon is named by its path, as open.ts does, so better-sqlite3 does not search for it again.
 */
export function scratchDatabase(image: Buffer): Database.Database {
  // Bytes 18-19 of the header say "WAL"; an in-memory database cannot be one, so it is opened as a
  // rollback-journal image (the pages are the same).
  if (image.length >= 20) {
    image[18] = 1;
    image[19] = 1;
  }
  const db = new Database(image, addonOption());
  db.pragma('foreign_keys = ON');
  return db;
}

function addonOption(): { nativeBinding?: string } {
  try {
    const require = createRequire(__filename);
    const addon = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    return existsSync(addon) ? { nativeBinding: addon } : {};
  } catch {
    return {};
  }
}
