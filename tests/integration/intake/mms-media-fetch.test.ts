import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCitizenPreferences } from '../../../functions/adapters/dynamodb/citizen-preferences-repository.ts';
import { createTwilioMediaFetcher } from '../../../functions/adapters/media/twilio-media-source.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { systemClock } from '../../../functions/core/ports/runtime.ts';
import { createIntakePipelineHandler } from '../../../functions/handlers/intake-pipeline.ts';
import type { PipelineDeps } from '../../../functions/wiring/deps/intake-pipeline.ts';
import { lambdaContext } from '../../../local/apigw-event.ts';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import { CapturingLog, InMemoryMediaStore, RecordingEventPublisher, RecordingIntakeQueue } from '../../support/in-memory-ports.ts';
import { startLocalHttp, type LocalHttpServer } from '../../support/local-http.ts';
import { smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

/** A 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MAX_RECEIVE_COUNT = 5;

/**
 * The MMS intake path end to end: an SQS record through the pipeline handler, the real HTTP
 * media fetcher against local media servers, the embedded DynamoDB. A permanent media failure
 * must store the text at once with the attachment refused; a transient one must be retried.
 */
describe('MMS media through the intake pipeline', () => {
  let harness: Harness;
  const servers: LocalHttpServer[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    requests.length = 0;
    authorizations.length = 0;
  });

  const authorizations: string[] = [];

  async function mediaHost(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = await startLocalHttp((req, res) => {
      requests.push(req.url ?? '');
      authorizations.push(req.headers.authorization ?? '');
      handler(req, res);
    });
    servers.push(server);
    return server.url;
  }

  /**
   * The pipeline as wired in AWS and locally: Twilio's media origins, the account's credentials,
   * plus the fake media host's origin, reachable on loopback only through the test setting.
   */
  function pipeline(mediaOrigin: string): { handler: ReturnType<typeof createIntakePipelineHandler>; mediaStore: InMemoryMediaStore } {
    const log = new CapturingLog();
    const mediaStore = new InMemoryMediaStore();
    const intakeQueue = new RecordingIntakeQueue();
    const events = new RecordingEventPublisher();
    const deps: PipelineDeps = {
      keywords: { preferences: new DynamoCitizenPreferences(harness.documents, harness.table.tableName), pii: harness.pii, clock: systemClock, log },
      ingest: {
        repository: harness.repository,
        pii: harness.pii,
        clock: systemClock,
        log,
        translator: null,
        intakeQueue,
        mediaFetcher: createTwilioMediaFetcher({
          credentials: { username: 'AC00000000000000000000000000000000', password: 'auth-token' },
          extraOrigins: [mediaOrigin],
          allowLoopbackForTests: true,
        }),
        mediaStore,
        events,
      },
      translate: { repository: harness.repository, translator: null, intakeQueue, events, clock: systemClock, log },
      log,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    };
    return { handler: createIntakePipelineHandler(async () => deps), mediaStore };
  }

  function delivery(mediaUrl: string, receiveCount = 1) {
    const message = smsMessage({ citizenHandle: uniquePhone(), text: '사진 보냅니다', media: [{ url: mediaUrl, contentType: 'image/png' }] });
    const event: SQSEvent = {
      Records: [
        {
          messageId: 'sqs-1',
          receiptHandle: 'rh-1',
          body: JSON.stringify({ kind: 'inbound', message } satisfies IntakeEnvelope),
          attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:ap-northeast-2:000000000000:intake',
          awsRegion: 'ap-northeast-2',
        },
      ],
    };
    return { message, event, messageId: messageIdFor(message) };
  }

  async function storedMessage(messageId: string) {
    const claim = await harness.repository.getMessageClaim(messageId);
    return claim ? harness.repository.getMessage(claim.complaintId, messageId) : null;
  }

  /** One first delivery (receive count 1) of an MMS whose only image is at `mediaUrl`. */
  async function deliverOnce(mediaOrigin: string, mediaUrl: string) {
    const { handler, mediaStore } = pipeline(mediaOrigin);
    const { message, event, messageId } = delivery(mediaUrl);
    const result = await handler(event, lambdaContext('intake-pipeline') as Context);
    return { result, message, mediaStore, stored: await storedMessage(messageId) };
  }

  /** Permanent: no retry, the text stored on this delivery, nothing kept, the attachment refused for `reason`. */
  function expectRefusedAtOnce(outcome: Awaited<ReturnType<typeof deliverOnce>>, reason: unknown): void {
    expect(outcome.result.batchItemFailures).toEqual([]);
    expect(outcome.stored?.text).toBe(outcome.message.text);
    expect(outcome.stored?.attachments).toEqual([]);
    expect(outcome.stored?.refusedAttachments).toEqual([{ contentType: 'image/png', reason }]);
    expect(outcome.mediaStore.objects.size).toBe(0);
  }

  it('stores an image the media host serves', async () => {
    const host = await mediaHost((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    const outcome = await deliverOnce(host, `${host}/photo.png`);
    expect(outcome.result.batchItemFailures).toEqual([]);
    expect(outcome.stored?.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', sizeBytes: PNG.byteLength })]);
    expect(outcome.mediaStore.objects.size).toBe(1);
  });

  it.each([404, 403, 410])(
    'stores the text on the first delivery when the media host answers %d, the attachment refused with that reason (no retry)',
    async (status) => {
      const host = await mediaHost((_req, res) => res.writeHead(status).end());
      expectRefusedAtOnce(await deliverOnce(host, `${host}/gone.png`), `media download from ${host} failed with HTTP ${status}`);
      expect(requests).toEqual(['/gone.png']);
    },
  );

  it.each([
    ["loopback on the embedded store's own port", () => `http://127.0.0.1:${harness.table.store.port}/`, 'is not an allowed media origin'],
    ["the store's port as a decimal-encoded address", () => `http://2130706433:${harness.table.store.port}/`, 'is not an allowed media origin'],
    ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'is not an allowed media origin'],
    ['the IPv6 metadata address', () => 'http://[fd00:ec2::254]/latest/meta-data/', 'is not an allowed media origin'],
    ["plain http on Twilio's API host", () => 'http://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM0/Media/ME0', 'is not https'],
  ])('stores the text at once and refuses the attachment when the media host redirects to %s', async (_name, target, reason) => {
    const host = await mediaHost((_req, res) => res.writeHead(302, { location: target() }).end());
    expectRefusedAtOnce(await deliverOnce(host, `${host}/photo.png`), expect.stringMatching(new RegExp(`^redirect from ${host} refused: .*${reason}`)));
    expect(requests).toEqual(['/photo.png']);
  });

  it('stores the text at once and refuses the attachment after more than 3 redirects', async () => {
    const host = await mediaHost((req, res) => res.writeHead(302, { location: `${req.url ?? ''}x` }).end());
    expectRefusedAtOnce(await deliverOnce(host, `${host}/r`), 'more than 3 redirects fetching media');
    expect(requests).toEqual(['/r', '/rx', '/rxx', '/rxxx']);
  });

  it('refuses a MediaUrl that names a private address directly, without any request', async () => {
    const host = await mediaHost((_req, res) => res.writeHead(200).end());
    const store = `http://127.0.0.1:${harness.table.store.port}`;
    expectRefusedAtOnce(await deliverOnce(host, `http://0x7f.1:${harness.table.store.port}/`), `media URL refused: ${store} is not an allowed media origin`);
    expect(requests).toEqual([]);
  });

  it("never sends Twilio's credentials to another media host", async () => {
    const host = await mediaHost((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    await deliverOnce(host, `${host}/photo.png`);
    expect(authorizations).toEqual(['']);
  });

  it('retries the record when the media host answers 500, and stores the text with the attachment refused on the last delivery', async () => {
    const host = await mediaHost((_req, res) => res.writeHead(500).end());
    const { handler } = pipeline(host);
    const first = delivery(`${host}/flaky.png`);
    const failed = await handler(first.event, lambdaContext('intake-pipeline') as Context);
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(await storedMessage(first.messageId)).toBeNull();

    const last = { ...first.event, Records: first.event.Records.map((r) => ({ ...r, attributes: { ...r.attributes, ApproximateReceiveCount: String(MAX_RECEIVE_COUNT) } })) };
    const result = await handler(last, lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([]);
    const stored = await storedMessage(first.messageId);
    expect(stored?.text).toBe(first.message.text);
    expect(stored?.refusedAttachments).toEqual([{ contentType: 'image/png', reason: expect.stringContaining('could not be fetched') }]);
  });

  it('retries the record when the media host resets the connection', async () => {
    const host = await mediaHost((req) => req.socket.destroy());
    const { handler } = pipeline(host);
    const { event, messageId } = delivery(`${host}/reset.png`);
    const result = await handler(event, lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(await storedMessage(messageId)).toBeNull();
  });
});
