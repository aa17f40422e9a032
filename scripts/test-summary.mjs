#!/usr/bin/env node
// Sums the runners' own counts (vitest and Playwright JSON reports) into the one closing line CI
// reads: "N passed, N failed". A missing report counts as a failure, never as zero tests.
import { existsSync, readFileSync } from 'node:fs';

const reports = [
  [
    'unit + contract (vitest)',
    'test-results/unit-report.json',
    (r) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    }),
  ],
  [
    'e2e (playwright)',
    'test-results/e2e-report.json',
    (r) => ({
      passed: r.stats.expected,
      failed: r.stats.unexpected + (r.stats.flaky ?? 0),
      skipped: r.stats.skipped,
    }),
  ],
];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const [label, path, read] of reports) {
  if (!existsSync(path)) {
    console.log(`${label}: no report at ${path} (the runner did not finish)`);
    failed += 1;
    continue;
  }
  try {
    const counts = read(JSON.parse(readFileSync(path, 'utf8')));
    console.log(
      `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
    passed += counts.passed;
    failed += counts.failed;
    skipped += counts.skipped;
  } catch (error) {
    console.log(`${label}: unreadable report (${error.message})`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
