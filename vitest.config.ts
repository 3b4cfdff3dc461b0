import { configDefaults, defineConfig } from 'vitest/config';

const INFRA = 'tests/infra/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CDK synth and esbuild bundling are CPU heavy; two cores on CI.
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // Arrays such as include are concatenated into an extending project's, so each project names its own files.
    projects: [
      {
        extends: true,
        test: {
          name: 'infra',
          include: [INFRA],
          // Every Lambda bundle is built once before any test file starts, and only when infra
          // tests are part of the run (a project's globalSetup runs only then).
          globalSetup: ['tests/support/prebuild-lambda-bundles.ts'],
          // A synthesis (plus CloudFormation validation and cdk-nag) is CPU-bound work that took
          // 35 s on a loaded 2-core machine with every bundle built; these timeouts only catch hangs.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'other',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, INFRA],
          // The workspace app the local gateway serves is built once (esbuild, well under a second).
          globalSetup: ['tests/support/build-workspace-app.ts'],
        },
      },
    ],
  },
});
