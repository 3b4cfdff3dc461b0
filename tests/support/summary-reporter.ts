import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * A test vitest reports as skipped although it was meant to run, because a beforeAll of its file
 * or of an enclosing suite failed. It did not pass: it counts as failed.
 */
function keptFromRunning(test: TestCase): boolean {
  if (test.options.mode !== 'run' || test.result().state !== 'skipped') return false;
  for (let parent = test.parent; ; parent = parent.parent) {
    if (parent.errors().length > 0) return true;
    if (parent.type === 'module') return false;
  }
}

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, after vitest's own
 * summary, so CI logs carry a runner-neutral result line. vitest's own line counts the tests of a
 * suite whose beforeAll failed as skipped; this one counts them as failed (vitest's exit code is
 * non-zero either way: tests/unit/tooling/summary-reporter.test.ts).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const failedBefore = failed;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed' || keptFromRunning(test)) failed += 1;
        else skipped += 1;
      }
      // A file that failed outside any test (at import, in afterAll) counts as one failure, so the
      // closing line never reads "0 failed" for a failed run.
      if (module.state() === 'failed' && failed === failedBefore) failed += 1;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
