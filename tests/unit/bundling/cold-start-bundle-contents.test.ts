import { describe, expect, it } from 'vitest';
import { bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';
import { GATEWAY_FUNCTIONS, SELF_SERVICE_FUNCTIONS, VOICE_FUNCTIONS } from '../../../lib/function-catalog.ts';

/*
 * What keeps functions inside the cold-start budget (ADR 0008), as bundle contents a change can
 * break without anyone running the benchmark: the files that contribute bytes to each bundle.
 */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await bundleLambda(entry, 'probe.mjs', { sourcemap: false, metafile: true, write: false });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  return Object.entries(output?.inputs ?? {})
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => path);
}

/** Schema files whose zod schemas only intake and the knowledge routes parse with. */
const UNPARSED_SCHEMAS = /^schemas\/(knowledge|inbound-message|self-service)\.ts$/;

const S3_CLIENT = /node_modules\/@aws-sdk\/(client-s3|middleware-sdk-s3)\//;

describe('bundle contents held for the cold-start budget', () => {
  // The S3 client package alone loaded about as much as the SDK floor (ADR 0029).
  it('self-service answers: no S3 client, only the signer it reads index objects with', async () => {
    const inputs = await bundledInputs(SELF_SERVICE_FUNCTIONS.answers.entry);
    expect(inputs.some((path) => path.includes('node_modules/@smithy/signature-v4/'))).toBe(true);
    expect(inputs.filter((path) => S3_CLIENT.test(path))).toEqual([]);
  });

  // It reads index objects and reads and writes attachments with signed requests (ADR 0008).
  it('intake pipeline: no S3 client, no knowledge-route schemas', async () => {
    const inputs = await bundledInputs(GATEWAY_FUNCTIONS.intakePipeline.entry);
    expect(inputs).toContain('functions/adapters/media/signed-s3-media-store.ts');
    expect(inputs.filter((path) => S3_CLIENT.test(path))).toEqual([]);
    // It parses inbound messages, but needs no knowledge-route schema for their case ids.
    expect(inputs).toContain('schemas/inbound-message.ts');
    expect(inputs).not.toContain('schemas/knowledge.ts');
  });

  // It builds the voice message itself: the schema files' zod schemas, built at load, were 10%
  // of its cold start, for a case-id pattern and a length (schemas/constants.ts).
  it('connect contact start (synchronous): no zod schema file it does not parse with', async () => {
    const inputs = await bundledInputs(VOICE_FUNCTIONS.contactStart.entry);
    expect(inputs).toContain('schemas/connect-flow-event.ts');
    expect(inputs.filter((path) => UNPARSED_SCHEMAS.test(path))).toEqual([]);
  });

  // Its query parameters name a channel: the channel enum alone (schemas/channel.ts), not every
  // inbound-message schema with the knowledge and self-service ones behind it (0.1 of its ratio).
  it('complaints API: the channel schema without the inbound-message schemas', async () => {
    const inputs = await bundledInputs(GATEWAY_FUNCTIONS.complaintsApi.entry);
    expect(inputs).toContain('schemas/channel.ts');
    expect(inputs.filter((path) => UNPARSED_SCHEMAS.test(path))).toEqual([]);
  });
});
