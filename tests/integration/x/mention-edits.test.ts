import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import type { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { DynamoXMentionEdits } from '../../../functions/adapters/dynamodb/x-mention-edits.ts';
import { DynamoXStoredMentions } from '../../../functions/adapters/dynamodb/x-stored-mentions.ts';
import { messageIdFor } from '../../../functions/core/ids.ts';
import { ingestMessage, type IngestDeps } from '../../../functions/core/ingest-message.ts';
import { FakeTranslator } from '../../support/in-memory-ports.ts';
import { CITY_ACCOUNT_ID, startPollerHarness, type PollerHarness } from './harness.ts';
import { pipelineDeps } from './pipeline-deps.ts';

/*
 * docs.x.com x-api/fundamentals/edit-posts: an edit creates a new post id; every version carries
 * edit_history_tweet_ids (oldest first). The mention timeline serves the new version as a new
 * post, so without care an edited mention becomes a second message. It must stay one message
 * whose text is the current version, with the edit recorded.
 */
const ORIGINAL = '1866503928398045300';
const EDITED = '1866503928398045301';
const AUTHOR = { id: '44001', username: 'citizen_kim', name: 'Kim' };

describe('edited mentions (edit_history_tweet_ids)', () => {
  let h: PollerHarness;
  let repository: DynamoComplaintRepository;
  let ingest: IngestDeps;

  beforeEach(async () => {
    h = await startPollerHarness();
    ({ repository, ingest } = pipelineDeps(h, new FakeTranslator()));
  });
  afterEach(async () => {
    await h.close();
  });

  /** What the pipeline does with the poller's envelopes. */
  async function ingestEnqueued(): Promise<void> {
    for (const message of h.queue.messages()) await ingestMessage(ingest, InboundMessageSchema.parse(message));
    h.queue.envelopes.length = 0;
  }

  const edits = () => new DynamoXMentionEdits(h.db, h.table.tableName);

  it('keeps one message for an edited mention: the text becomes the new version and the edit is recorded', async () => {
    await h.state.advanceCursor('1866503928398045200', h.clock.now());
    h.x.addMention({ id: ORIGINAL, text: '@seoul_city 가로등이 꺼졌어요', author_id: AUTHOR.id, created_at: '2025-03-14T04:00:00.000Z' }, AUTHOR);
    await h.poll('first', { edits: edits() });
    await ingestEnqueued();

    h.x.editMention(ORIGINAL, EDITED, '@seoul_city 가로등이 꺼졌어요 (중앙로 12 앞)');
    const second = await h.poll('second', { edits: edits() });

    expect(second).toMatchObject({ outcome: 'completed', edited: 1, enqueued: 0 });
    const messageId = messageIdFor({ channel: 'x', provider: 'x-api', providerMessageId: ORIGINAL });
    // The translation of the new text is asked for again.
    expect(h.queue.envelopes).toEqual([{ kind: 'translate', complaintId: expect.any(String), messageId, attempt: 1 }]);
    const claim = h.queue.envelopes[0] as { complaintId: string };
    const detail = await repository.getComplaintDetail(claim.complaintId);
    expect(detail?.messages).toHaveLength(1);
    expect(detail?.messages[0]).toMatchObject({
      providerMessageId: ORIGINAL,
      text: '@seoul_city 가로등이 꺼졌어요 (중앙로 12 앞)',
      translation: { status: 'pending', attempts: 0 },
      edits: [{ tweetId: EDITED, previousText: '@seoul_city 가로등이 꺼졌어요', editedAt: h.clock.now().toISOString() }],
    });

    // The same edit read again (a re-poll) changes nothing.
    await h.state.advanceCursor('1866503928398045200', h.clock.now());
    await h.poll('again', { edits: edits() });
    expect((await repository.getComplaintDetail(claim.complaintId))?.messages[0]?.edits).toHaveLength(1);
  });

  it('removes the edited texts too when the post is later deleted at X', async () => {
    await h.state.advanceCursor('1866503928398045200', h.clock.now());
    h.x.addMention({ id: ORIGINAL, text: '@seoul_city 010-1234-5678 로 연락주세요', author_id: AUTHOR.id, created_at: '2025-03-14T04:00:00.000Z' }, AUTHOR);
    await h.poll('first', { edits: edits() });
    await ingestEnqueued();
    h.x.editMention(ORIGINAL, EDITED, '@seoul_city 연락처는 지웠어요');
    await h.poll('edit', { edits: edits() });
    const claim = h.queue.envelopes[0] as { complaintId: string };

    await new DynamoXStoredMentions(h.db, h.table.tableName, { windowDays: 1, clock: h.clock }).redactMentionText(ORIGINAL, 'deleted', h.clock.now());

    const message = (await repository.getComplaintDetail(claim.complaintId))?.messages[0];
    expect(message).toMatchObject({ text: '', redactedAt: expect.any(String) });
    expect(message?.edits).toBeUndefined();
    expect(JSON.stringify(message)).not.toContain('1234-5678');
  });

  it('stores only the newest version, under the original id, when the original and its edit arrive in one poll', async () => {
    await h.state.advanceCursor('1866503928398045200', h.clock.now());
    h.x.addMention({ id: ORIGINAL, text: '@seoul_city 첫 글', author_id: AUTHOR.id }, AUTHOR);
    h.x.editMention(ORIGINAL, EDITED, '@seoul_city 고친 글');

    const result = await h.poll('both', { edits: edits() });

    expect(result).toMatchObject({ outcome: 'completed', enqueued: 1, sinceId: EDITED });
    expect(h.queue.messages()).toEqual([expect.objectContaining({ providerMessageId: ORIGINAL, text: '@seoul_city 고친 글', recipient: CITY_ACCOUNT_ID })]);
  });

  it('holds an edit whose original is still on its way through the intake queue, and records it once the original is stored', async () => {
    await h.state.advanceCursor('1866503928398045200', h.clock.now());
    h.x.addMention({ id: ORIGINAL, text: '@seoul_city 첫 글', author_id: AUTHOR.id, created_at: '2025-03-14T04:59:00.000Z' }, AUTHOR);
    await h.poll('original', { edits: edits() });
    const inQueue = h.queue.messages();
    h.queue.envelopes.length = 0;
    h.x.editMention(ORIGINAL, EDITED, '@seoul_city 고친 글');
    h.x.addMention({ id: '1866503928398045302', text: '@seoul_city 다른 글', author_id: '44002', created_at: '2025-03-14T04:59:30.000Z' });

    // The original is not stored yet: the edit waits (the cursor stays below it), other mentions go on.
    const held = await h.poll('held', { edits: edits() });
    expect(held).toMatchObject({ outcome: 'completed', enqueued: 1, sinceId: ORIGINAL });
    expect(h.queue.ids()).toEqual(['1866503928398045302']);

    for (const message of inQueue) await ingestMessage(ingest, InboundMessageSchema.parse(message));
    await ingestEnqueued();
    h.clock.advance(60_000);
    const recorded = await h.poll('recorded', { edits: edits() });

    expect(recorded).toMatchObject({ outcome: 'completed', edited: 1, sinceId: '1866503928398045302' });
    const messageId = messageIdFor({ channel: 'x', provider: 'x-api', providerMessageId: ORIGINAL });
    const translate = h.queue.envelopes.find((envelope) => envelope.kind === 'translate') as { complaintId: string } | undefined;
    const detail = await repository.getComplaintDetail(translate?.complaintId ?? '');
    expect(detail?.messages).toEqual([expect.objectContaining({ messageId, text: '@seoul_city 고친 글' })]);
  });

  it('stores an edit of a mention the gateway never received (older than its first poll) under the original id once an hour has passed', async () => {
    await h.state.advanceCursor('1866503928398045305', h.clock.now());
    h.x.addMention({ id: '1866503928398045300', text: '@seoul_city 오래된 글', author_id: AUTHOR.id, created_at: '2025-03-14T03:00:00.000Z' }, AUTHOR);
    h.x.editMention('1866503928398045300', '1866503928398045310', '@seoul_city 오래된 글 (수정)', '2025-03-14T03:20:00.000Z');

    const result = await h.poll('late', { edits: edits() });

    expect(result).toMatchObject({ outcome: 'completed', enqueued: 1, sinceId: '1866503928398045310' });
    expect(h.queue.messages()).toEqual([expect.objectContaining({ providerMessageId: '1866503928398045300', text: '@seoul_city 오래된 글 (수정)' })]);
  });
});
