import { describe, expect, it } from 'vitest';
import { bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';
import { SELF_SERVICE_FUNCTIONS } from '../../../lib/function-catalog.ts';

/*
 * The public answers function is held to the synchronous cold-start budget (ADR 0008); the S3
 * client package alone loaded about as much as the SDK floor, so it reads index objects with a
 * signed GET instead (ADR 0029). This keeps the client out of its bundle.
 */
describe('the self-service answers bundle', () => {
  it('carries no S3 client, only the signer it reads index objects with', async () => {
    const result = await bundleLambda(SELF_SERVICE_FUNCTIONS.answers.entry, 'answers.mjs', { sourcemap: false, metafile: true, write: false });
    const output = Object.values(result.metafile?.outputs ?? {})[0];
    const inputs = Object.entries(output?.inputs ?? {})
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([path]) => path);
    expect(inputs.some((path) => path.includes('node_modules/@smithy/signature-v4/'))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/@aws-sdk\/(client-s3|middleware-sdk-s3)\//.test(path))).toEqual([]);
  });
});
