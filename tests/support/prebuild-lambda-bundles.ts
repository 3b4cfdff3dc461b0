import { prebuildHandlerBundles } from '../../lib/constructs/lambda-bundles.ts';
import { ALL_LAMBDA_ENTRIES } from '../../lib/function-catalog.ts';

/**
 * vitest globalSetup of the infra tests: every Lambda bundle is brought up to date once, before
 * any test file starts. Infra test files synthesize in parallel workers; with an empty cache each
 * used to bundle the same handlers itself, one child process per handler, while the others
 * competed for the same two cores, and a synthesis in beforeAll outlived the hook timeout.
 * Here nothing else runs yet, and the stale handlers are bundled together in one process.
 */
export default function setup(): void {
  const started = performance.now();
  let count = 0;
  prebuildHandlerBundles(
    ALL_LAMBDA_ENTRIES.map(({ entry }) => entry),
    (stale) => {
      count = stale.length;
      process.stderr.write(`[infra tests] bundling ${count} of ${ALL_LAMBDA_ENTRIES.length} Lambda handlers once, before the test files start (cache: node_modules/.cache)\n`);
    },
  );
  if (count > 0) process.stderr.write(`[infra tests] bundled ${count} handlers in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
