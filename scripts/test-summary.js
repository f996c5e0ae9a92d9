// Prints "N passed, N failed" summed over vitest's JSON reports (used by .ci/run: npm test and
// npm run test:load each write one). A missing report is a run that did not complete: exit 1.
import { existsSync, readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['.vitest-results.json'];
let passed = 0;
let failed = 0;
let missing = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.error(`no vitest report at ${file}: the test run did not complete`);
    missing++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
}
console.log(`${passed} passed, ${failed} failed`);
if (missing > 0) process.exit(1);
