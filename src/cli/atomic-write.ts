import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { translateFileError } from '../db/errors.js';

/** Writes a file's whole text to a path; the seam tests use to make a write fail like a full disk. */
export type WriteText = (path: string, text: string, mode: number) => void;

const writeText: WriteText = (path, text, mode) => writeFileSync(path, text, { mode });

/**
 * Written to a temporary name (owner-only, 0600) and renamed, so a crash never leaves half a file; a
 * failed write (a full disk) removes the temporary file and says what happened in one line.
 */
export function writeFileAtomically(path: string, text: string, write: WriteText = writeText): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    write(temporary, text, 0o600);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw translateFileError(error, path);
  }
}
