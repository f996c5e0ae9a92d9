// Preloaded (node --require) by tests/e2e/server-cli.test.ts: records whether the PostgreSQL client was
// loaded, and with REGULA_TEST_HIDE_PG_NATIVE=1 makes it look not installed.
const Module = require('node:module');
const fs = require('node:fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'pg-native' || request === 'libpq') {
    if (process.env.REGULA_TEST_MODULE_LOG)
      fs.appendFileSync(process.env.REGULA_TEST_MODULE_LOG, `${request}\n`);
    if (process.env.REGULA_TEST_HIDE_PG_NATIVE === '1') {
      const error = new Error(`Cannot find module '${request}'`);
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
  }
  return load.call(this, request, ...rest);
};
