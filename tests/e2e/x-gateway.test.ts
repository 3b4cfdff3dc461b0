import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeXApi } from '../support/fake-x-api.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const CITY = '1500000000000000000';
interface PollBody {
  outcome: string;
  enqueued: number;
  sinceId?: string;
}
interface ListBody {
  items: Array<{ complaintId: string; channel: string; citizen: string; language: string }>;
}
interface DetailBody {
  messages: Array<{ providerMessageId?: string; text: string; language: string }>;
}

describe('local gateway, X mentions end to end', () => {
  let x: FakeXApi;
  let gateway: TestGateway;

  beforeAll(async () => {
    x = await FakeXApi.start({ accountId: CITY });
    gateway = await startTestGateway({}, { X_ACCOUNT_ID: CITY, X_BEARER_TOKEN: 'local-bearer', X_API_BASE_URL: x.baseUrl });
  });
  afterAll(async () => {
    await gateway?.stop();
    await x?.close();
  });

  it('turns each new mention into a complaint once, with ids kept as strings', async () => {
    const citizen = { id: '1866503928398045184', username: 'mapo_resident', name: 'Mapo resident' };
    x.addMention({ id: '1866503928398045190', text: '@seoul_city 우리 동네 가로등이 꺼졌어요', author_id: citizen.id, conversation_id: '1866503928398045190', created_at: '2026-11-29T01:00:00.000Z' }, citizen);
    x.addMention({ id: '1866503928398045191', text: '@seoul_city the bus stop sign fell down', author_id: '42', conversation_id: '1866503928398045191', created_at: '2026-11-29T01:01:00.000Z' }, { id: '42', username: 'visitor', name: 'Visitor' });

    const first = await gateway.api<PollBody>('/x/poll', { method: 'POST' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'completed', enqueued: 2, sinceId: '1866503928398045191' });
    await gateway.settle();

    const again = await gateway.api<PollBody>('/x/poll', { method: 'POST' });
    expect(again.body.enqueued).toBe(0);
    // The second poll asked X only for newer mentions.
    expect(x.mentionRequests().at(-1)?.query.get('since_id')).toBe('1866503928398045191');

    const list = await gateway.api<ListBody>('/api/complaints?channel=x');
    expect(list.body.items).toHaveLength(2);
    const languages = list.body.items.map((item) => item.language).sort();
    expect(languages).toEqual(['en', 'ko']);
  });

  it('says clearly when the channel is not configured', async () => {
    const bare = await startTestGateway();
    try {
      const response = await bare.api<{ error: string }>('/x/poll', { method: 'POST' });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatch(/X_ACCOUNT_ID/);
    } finally {
      await bare.stop();
    }
  });
});
