// Prints one closing line over all vitest JSON reports: "tests: N passed, N failed, N skipped",
// preceded by the name and first message lines of every failed test, so a red run names its cause
// even when only the end of the log is kept.
import process from 'node:process';
import { existsSync, readFileSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) { failed += 1; failures.push(`missing report ${file}: counted as a failure`); continue; }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
  for (const suite of r.testResults ?? []) {
    const where = suite.name.replace(process.cwd() + '/', '');
    if (suite.status === 'failed' && suite.message) failures.push(`${where}: ${firstLines(suite.message)}`);
    for (const t of suite.assertionResults ?? []) {
      if (t.status === 'failed') failures.push(`${where} > ${t.fullName}\n    ${firstLines((t.failureMessages ?? []).join('\n'))}`);
    }
  }
}
function firstLines(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').split('\n').slice(0, 6).join('\n    ');
}
if (failures.length > 0) process.stdout.write(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
