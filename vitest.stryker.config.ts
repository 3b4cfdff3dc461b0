import { configDefaults, defineConfig } from 'vitest/config';

/*
 * The tests Stryker runs against the mutants (stryker.config.mjs, scripts/mutate.ts): unit,
 * integration and e2e. Left out: CDK synthesis (tests/infra) and browser tests. Neither reaches
 * the mutated Lambda code in-process (a synthesis bundles it, a browser talks to the local
 * gateway from another process), and together they take most of a full run's time.
 *
 * MUTATION_TESTS (comma-separated globs, `!glob` to leave out) narrows the run to one group's tests. scripts/mutate.ts
 * sets it per group instead of Stryker's own --testFiles, because with --testFiles Stryker 9.6
 * activates static mutants (a regex or table at module level) only at run time, after the module
 * was loaded, so they survive whatever the tests check.
 */
const globs = (process.env.MUTATION_TESTS ?? '').split(',').filter((glob) => glob !== '');
const include = globs.filter((glob) => !glob.startsWith('!'));
const leaveOut = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));

export default defineConfig({
  test: {
    include: include.length > 0 ? include : ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'tests/infra/**', 'tests/**/*.browser.test.ts', ...leaveOut],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
