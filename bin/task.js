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
const bytes = fs.readFileSync(file);
const source = require('node:buffer').isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
const stat = fs.statSync(file);
const cacheDir =
  process.env.REGULA_CACHE_DIR ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'regula');
// One cache per installed copy (several checkouts may share the cache folder) and per build of it:
// `main-<copy>-<build>.v8cache`. A new build's cache replaces its copy's older ones.
const cachePrefix = `main-${pathHash(file)}-`;
const cacheFile = path.join(
  cacheDir,
  `${cachePrefix}${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8cache`,
);

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

/** This copy's caches of other builds, and caches named the old way (`main-v20...`, one per build, never removed). */
function removeStaleCaches() {
  const current = path.basename(cacheFile);
  for (const name of fs.readdirSync(cacheDir)) {
    const stale =
      (name.startsWith(cachePrefix) || /^main-v\d/.test(name)) &&
      name.endsWith('.v8cache') &&
      name !== current;
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
