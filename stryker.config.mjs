// @ts-check
/*
 * Mutation testing of the security-critical code. Run it with `npm run mutate` (scripts/mutate.ts):
 * one Stryker run per group below, each against the group's tests, then a second pass over
 * mutants that only timed out, then the score per file. How to read the result, and every
 * surviving mutant with why it is equivalent: docs/operations/mutation-testing.md.
 *
 * A plain `npx stryker run` mutates every file against every unit, integration and e2e test
 * (vitest.stryker.config.ts): correct, but each static mutant (a module-level regex or table)
 * then re-runs every test that imports its file, which takes hours on two cores.
 */

/**
 * The security-critical files, grouped by concern, with the tests that exercise them (globs, `!glob`
 * leaves a file out; run through vitest.stryker.config.ts; of these, vitest runs only the files
 * that import the mutated module, and per mutant only the tests that reached it). A mutant reached
 * outside any test (module-level code, or a beforeAll) is "static": it re-runs all of its group's
 * tests with the mutant active from the start.
 * @type {ReadonlyArray<{ name: string; mutate: string[]; tests: string[] }>}
 */
export const GROUPS = [
  {
    // Personal data: masking for display, handle normalisation, hashing and sealing.
    name: 'personal-data',
    mutate: ['functions/core/pii-masking.ts', 'functions/core/citizen-handle.ts', 'functions/core/protect-handle.ts'],
    tests: [
      'tests/unit/core-text/**/*.test.ts',
      'tests/unit/core/protect-handle.test.ts',
      'tests/unit/core/views.test.ts',
      // Email and anonymous web handles (Open311 contact details).
      'tests/unit/open311/contact-handles.test.ts',
      'tests/integration/audit/no-clear-personal-data.test.ts',
      'tests/integration/intake/unverifiable-sender.test.ts',
      'tests/integration/intake/sms-keywords.test.ts',
    ],
  },
  {
    // Provider signatures: Twilio webhooks and media URLs, SNS messages, the MO webhook.
    name: 'signatures',
    mutate: [
      'functions/channels/sms/twilio-signature.ts',
      'functions/channels/sms/twilio-signed-url.ts',
      'functions/channels/sms/sns-signature.ts',
      'functions/channels/sms/mo-webhook-signature.ts',
    ],
    // The handlers' integration tests carry real signed requests through the same checks; the e2e
    // gateway tests add nothing these do not reach and restart a gateway for every mutant.
    tests: ['tests/unit/sms/**/*.test.ts', 'tests/integration/sms/**/*.test.ts'],
  },
  {
    // Receipts and ingest: what a citizen is told, and storing each message exactly once.
    name: 'intake',
    mutate: ['functions/core/receipt.ts', 'functions/core/ingest-message.ts'],
    // Intake's own tests. The reply, read-API and pipeline tests also pass through intake, but as
    // set-up for what they test: they would multiply each mutant's run time (every one starts an
    // embedded table) and one seeds in beforeAll, which makes every mutant it reaches static.
    tests: [
      'tests/unit/core/receipt.test.ts',
      'tests/integration/intake/ingest-*.test.ts',
      'tests/integration/intake/unverifiable-sender.test.ts',
      'tests/integration/intake/mms-media-fetch.test.ts',
    ],
  },
  {
    // Chat: account tokens, codes and the WebSocket authorizer.
    name: 'chat',
    mutate: ['functions/core/chat/secrets.ts', 'functions/core/chat/accounts.ts', 'functions/handlers/chat-authorizer.ts'],
    tests: ['tests/unit/chat/**/*.test.ts', 'tests/integration/chat/**/*.test.ts'],
  },
  {
    // Staff: token verification, roles and permissions, the authorizer and the per-route check.
    name: 'staff',
    mutate: [
      'functions/adapters/auth/jwt-staff-token-verifier.ts',
      'functions/core/staff/*.ts',
      'functions/handlers/staff-authorizer.ts',
      'functions/handlers/shared/staff-context.ts',
      'functions/handlers/shared/staff-router.ts',
    ],
    // tests/e2e/staff-api-roles.test.ts derives what it expects from STAFF_APIS and may() (so it
    // cannot see a mutant of either) and signs in from beforeAll (which would make every mutant it
    // reaches static and restart a gateway for each); the unit tests state the matrix outright.
    tests: ['tests/unit/staff/**/*.test.ts'],
  },
  {
    // Audit trail: record hashes, chain ids and chain verification.
    name: 'audit',
    mutate: ['functions/core/audit/chain.ts', 'functions/core/audit/verify-chain.ts'],
    tests: ['tests/unit/audit/**/*.test.ts', 'tests/integration/audit/**/*.test.ts'],
  },
  {
    // Media fetching: which addresses may be connected to (SSRF).
    name: 'media',
    mutate: ['functions/adapters/media/address-policy.ts'],
    tests: ['tests/unit/adapters/media/**/*.test.ts'],
  },
  {
    // Open311: which client app an api_key names (constant-time, every key compared) and the
    // per-address and per-client rate limits on requests that change something.
    name: 'open311',
    mutate: ['functions/core/open311/api-keys.ts', 'functions/core/open311/rate-limits.ts'],
    // The unit tests call the key check and the limits directly and through the handler. The e2e
    // gateway test (tests/e2e/open311-api.test.ts) builds the key list in beforeAll, which would
    // make every constructor mutant static and restart two gateways for each.
    tests: ['tests/unit/open311/**/*.test.ts'],
  },
  {
    // Status lookup: the receipt lock after repeated wrong pairs, the per-source window, and the
    // phone digits a lookup compares.
    name: 'status-lookup',
    mutate: ['functions/core/status-lookup/guard.ts', 'functions/core/status-lookup/lookup-status.ts', 'functions/core/status-lookup/citizen-phone.ts'],
    // The SMS status keyword shares the per-source window and the citizen's phone; the e2e
    // gateway test only repeats the integration cases behind HTTP and starts a gateway in beforeAll.
    tests: [
      'tests/unit/notices/lookup-guard.test.ts',
      'tests/unit/status-lookup/**/*.test.ts',
      'tests/integration/status-lookup/**/*.test.ts',
      'tests/integration/notices/sms-status-keyword.test.ts',
    ],
  },
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/*', './stryker-log-ignorer.mjs'],
  ignorers: ['log-statements'],
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: GROUPS.flatMap((group) => group.mutate),
  // Two cores shared with other work: one test process per core at most.
  concurrency: 2,
  // The initial run executes every test of the group once in one process: minutes when loaded.
  dryRunTimeoutMinutes: 60,
  // A mutant's run may take timeoutFactor x its tests' time in the initial run + timeoutMS before
  // it is stopped as "Timeout", which Stryker scores as detected. On a loaded machine a surviving
  // mutant's tests can run many times slower than in the initial run, so the limit is generous;
  // an endless loop is still caught at once by Stryker's hit counter, which does not depend on
  // time. scripts/mutate.ts runs any remaining time-out again with a ten-minute limit.
  timeoutFactor: 5,
  timeoutMS: 60_000,
  reporters: ['progress', 'clear-text', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 90, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['cdk.out', '.data', '.build', '.bench', 'coverage', 'dist', 'reports'],
};
