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
const source = fs.readFileSync(file, 'utf8');
const stat = fs.statSync(file);
const cacheDir = process.env.REGULA_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'regula');
const cacheFile = path.join(cacheDir, `main-${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8cache`);

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
script.runInThisContext().call(bundle.exports, bundle.exports, localRequire, bundle, file, path.dirname(file));

process.once('exit', () => {
  if (cachedData && !script.cachedDataRejected) return;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // No cache this time: the next run compiles normally.
  }
});

bundle.exports.main(process.argv).then((code) => {
  process.exitCode = code;
});
