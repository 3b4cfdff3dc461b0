import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpMediaFetcher } from '../../../functions/adapters/media/http-media-fetcher.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { systemClock } from '../../../functions/core/ports/runtime.ts';
import { createIntakePipelineHandler, type PipelineDeps } from '../../../functions/handlers/intake-pipeline.ts';
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
  });

  async function mediaHost(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    const server = await startLocalHttp((req, res) => {
      requests.push(req.url ?? '');
      handler(req, res);
    });
    servers.push(server);
    return server.url;
  }

  function pipeline(): { handler: ReturnType<typeof createIntakePipelineHandler>; mediaStore: InMemoryMediaStore } {
    const log = new CapturingLog();
    const mediaStore = new InMemoryMediaStore();
    const intakeQueue = new RecordingIntakeQueue();
    const events = new RecordingEventPublisher();
    const deps: PipelineDeps = {
      ingest: {
        repository: harness.repository,
        pii: harness.pii,
        clock: systemClock,
        log,
        translator: null,
        intakeQueue,
        mediaFetcher: new HttpMediaFetcher(),
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

  it('stores an image the media host serves', async () => {
    const host = await mediaHost((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    const { handler, mediaStore } = pipeline();
    const { event, messageId } = delivery(`${host}/photo.png`);
    const result = await handler(event, lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([]);
    const stored = await storedMessage(messageId);
    expect(stored?.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', sizeBytes: PNG.byteLength })]);
    expect(mediaStore.objects.size).toBe(1);
  });

  it.each([
    [404, 'HTTP 404'],
    [403, 'HTTP 403'],
    [410, 'HTTP 410'],
  ])('stores the text on the first delivery when the media host answers %d, the attachment refused with that reason (no retry)', async (status, reason) => {
    const host = await mediaHost((_req, res) => res.writeHead(status).end());
    const { handler, mediaStore } = pipeline();
    const { message, event, messageId } = delivery(`${host}/gone.png`);
    const result = await handler(event, lambdaContext('intake-pipeline') as Context);

    expect(result.batchItemFailures).toEqual([]);
    const stored = await storedMessage(messageId);
    expect(stored?.text).toBe(message.text);
    expect(stored?.attachments).toEqual([]);
    expect(stored?.refusedAttachments).toEqual([{ contentType: 'image/png', reason: expect.stringContaining(reason) }]);
    expect(mediaStore.objects.size).toBe(0);
    expect(requests).toEqual(['/gone.png']);
  });

  it('retries the record when the media host answers 500, and stores the text with the attachment refused on the last delivery', async () => {
    const host = await mediaHost((_req, res) => res.writeHead(500).end());
    const { handler } = pipeline();
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
    const { handler } = pipeline();
    const { event, messageId } = delivery(`${host}/reset.png`);
    const result = await handler(event, lambdaContext('intake-pipeline') as Context);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-1' }]);
    expect(await storedMessage(messageId)).toBeNull();
  });
});
