// Bundles the program into dist/main.js with esbuild: one CommonJS file with our code, commander and
// chalk. Every `task` invocation is a fresh process; one pre-bundled file (loaded with a V8 code cache by
// bin/task.js) starts much faster than resolving dozens of ES modules (docs/performance.md). Native and
// heavy dependencies stay outside and are required only by the commands that use them.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
/**
 * commander requires node:child_process at load time, for executable subcommands regula does not have;
 * loading it (with net, dgram and the socket list) costs every `task` ~2% of its start-up. Inside
 * commander it becomes a stand-in that loads the module on first use.
 */
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer)
        ? { path: 'lazy-child-process', namespace: 'regula-lazy' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'regula-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

/**
 * chalk's colour detection (its vendored supports-color) loads node:tty - and net and Node's streams behind
 * it - and checks both descriptors when chalk loads, for its default instances. regula never uses those:
 * it decides colour itself (src/cli/environment.ts useColor) and makes `new Chalk({ level })`. The stand-in
 * says "no colour" for the default instances, so `task status` in a pipe loads no tty module (issue 22).
 */
const noColorDetectionInChalk = {
  name: 'no-color-detection-in-chalk',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer)
        ? { path: 'supports-color', namespace: 'regula-no-color-detection' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'regula-no-color-detection' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: { main: join(root, 'src/cli/entry.ts') },
  plugins: [lazyChildProcessInCommander, noColorDetectionInChalk],
  outdir: dist,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled (only its addon is loaded from node_modules, by path: src/db/open.ts):
  // as a separate package every command resolved, read and compiled its ten files without the code cache -
  // about 13% of the instructions of `task status` (docs/performance.md).
  // pg-native (the team server's libpq binding) is an optional native dependency, loaded by `task server` only.
  external: ['zod', '@inquirer/prompts', 'pg-native'],
  // bin/task.js runs the bundle through vm.Script (for the code cache), where import() has no loader:
  // every lazy import, of our modules and of the externals, must become a require.
  supported: { 'dynamic-import': false },
  // `task --version` says what package.json says.
  define: { __REGULA_VERSION__: JSON.stringify(version) },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// bin/task.js reads an ASCII bundle as latin1, much cheaper than decoding UTF-8 on every start (issue 22);
// esbuild escapes non-ASCII text in strings, but not in regular expressions: write those as \u escapes.
const bundled = readFileSync(join(dist, 'main.js'));
const nonAscii = bundled.findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0)
  console.warn(
    `warning: dist/main.js is not ASCII (byte ${nonAscii}: ${JSON.stringify(bundled.subarray(Math.max(0, nonAscii - 40), nonAscii + 10).toString('utf8'))}); every start decodes it as UTF-8 - write that text with \\u escapes`,
  );
// dist/ holds CommonJS while the package itself is ESM.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');
