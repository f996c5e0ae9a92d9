// Copies non-TypeScript assets (the numbered SQL migrations) next to the compiled code in dist/.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'db', 'migrations');
const to = join(root, 'dist', 'db', 'migrations');
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true, filter: (path) => !path.endsWith('.ts') });
