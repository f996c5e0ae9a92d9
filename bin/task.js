#!/usr/bin/env node
'use strict';
// Thin shim over dist/main.js (built by `npm install` through the prepare script). Every `task` is a
// fresh process, so the bundle is compiled with a V8 code cache kept in $XDG_CACHE_HOME/regula: the second
// and later runs skip most of the parsing (docs/performance.md). Any cache problem falls back to a
// normal compile; nothing here can change what the program does.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'main.js');
// The bundle is ASCII (scripts/bundle.js says so when it is not): read as latin1 it is a plain copy into a
// one-byte string, where decoding its ~1 MB as UTF-8 cost ~9% of `task status`'s instructions (issue 22).
// Stat before reading: a rebuild in between then makes the key older than the bytes, never newer.
const stat = fs.statSync(file);
const bytes = fs.readFileSync(file);
const source = require('node:buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
const cacheDir =
  process.env.REGULA_CACHE_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'regula');
// One cache per installed copy (several checkouts may share the cache folder), per build of it and per
// command: `main-<copy>-<build>-<command>.v8cache`. A cache holds the functions its first run compiled, so
// `status` deserialises what `status` runs, not what the first command after a build ran (issue 22). A new
// build's caches replace its copy's older ones.
const cachePrefix = `main-${pathHash(file)}-`;
// V8 checks only the source's length against a cache: a build of the same size whose modification time
// was kept (cp -p, rsync -a, tar) would run the old code. The change time and inode no tool sets back.
const buildPrefix = `${cachePrefix}${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${Math.trunc(stat.ctimeMs)}-${stat.ino}-`;
const command = commandKey(process.argv.slice(2));
const cacheFile = path.join(cacheDir, `${buildPrefix}${command}.v8cache`);

let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const bundle = new Module(file, module);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(path.dirname(file));
const localRequire = (id) => bundle.require(id);
localRequire.resolve = (id) => Module._resolveFilename(id, bundle);
script
  .runInThisContext()
  .call(bundle.exports, bundle.exports, localRequire, bundle, file, path.dirname(file));

process.once('exit', () => {
  if (cachedData && !script.cachedDataRejected) return;
  // A mistyped command gets no cache of its own (one per word would pile up).
  if (command !== 'default' && !bundle.exports.isCommandWord?.(command)) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
    removeStaleCaches();
  } catch {
    // No cache this time: the next run compiles normally.
  }
});

/** FNV-1a of the bundle's path, in hex: names this copy's caches without loading node:crypto. */
function pathHash(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The word that picks the command's cache: the first lowercase word, skipping the values of --db and --as
 * (`task 12 start` is `start`; `task` alone `default`). Only which cache is read depends on it - never
 * what runs: a word that is not the command just finds a cache that fits less.
 */
function commandKey(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--db' || args[i] === '--as') i++;
    else if (/^[a-z][a-z-]{0,30}$/.test(args[i])) return args[i];
  }
  return 'default';
}

/** This copy's caches of other builds, and caches named the old way (`main-v20...`, one per build, never removed). */
function removeStaleCaches() {
  for (const name of fs.readdirSync(cacheDir)) {
    const stale =
      (name.startsWith(cachePrefix) || /^main-v\d/.test(name)) &&
      name.endsWith('.v8cache') &&
      !name.startsWith(buildPrefix);
    if (!stale) continue;
    try {
      fs.unlinkSync(path.join(cacheDir, name));
    } catch {
      // Another process removed it first.
    }
  }
}

bundle.exports.main(process.argv).then((code) => {
  process.exitCode = code;
});
