import { describe, expect, it } from 'vitest';
import { bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';

/** Our own files that put bytes into a handler's bundle, exactly as CDK bundles it. */
async function ownFilesIn(entry: string): Promise<string[]> {
  const result = await bundleLambda(entry, 'probe.mjs', { metafile: true, write: false });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return Object.entries(output.inputs)
    .filter(([path, { bytesInOutput }]) => bytesInOutput > 0 && !path.includes('node_modules/'))
    .map(([path]) => path);
}

// Every staff function records its calls, so whatever the recorder imports is loaded at each of
// their cold starts; the audit table's reading, verification and review side belongs to the
// audit API and the digest job alone.
const READING_SIDE = [
  'functions/adapters/dynamodb/audit-store.ts',
  'functions/wiring/aws/audit-trail.ts',
  'functions/core/audit/review-model.ts',
  'functions/core/audit/verify-chain.ts',
  'functions/core/audit/seal-day.ts',
];

describe('a staff function carries only the append side of the audit trail', () => {
  it.each(['functions/handlers/staff-authorizer.ts', 'functions/handlers/complaints-api.ts', 'functions/handlers/knowledge-search.ts', 'functions/handlers/knowledge-api.ts'])(
    '%s',
    async (entry) => {
      const files = await ownFilesIn(entry);
      // The recorder is there (so an empty or wrong bundle cannot pass)...
      expect(files).toContain('functions/adapters/dynamodb/audit-chain-store.ts');
      expect(files).toContain('functions/core/audit/chain-appender.ts');
      // ...and nothing of the reading side.
      expect(files.filter((file) => READING_SIDE.includes(file))).toEqual([]);
    },
    60_000,
  );
});
