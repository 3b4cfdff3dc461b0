import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightedLength } from '../../functions/core/x/reply-thread.ts';
import { FakeXApi, type FakeUser } from '../support/fake-x-api.ts';
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
  status: string;
  messages: Array<{ text: string; language: string; redactedAt?: string }>;
}
interface ReplyBody {
  delivery: string;
  providerMessageId?: string;
  lastError?: string;
  textSent: string;
}

describe('local gateway, X mentions end to end', () => {
  let x: FakeXApi;
  let gateway: TestGateway;

  beforeAll(async () => {
    x = await FakeXApi.start({ accountId: CITY, accountUsername: 'seoul_city', appBearerToken: 'local-bearer' });
    gateway = await startTestGateway(
      {},
      { X_ACCOUNT_ID: CITY, X_BEARER_TOKEN: 'local-bearer', X_APP_KEY: 'local-app-key', X_APP_SECRET: 'local-app-secret', X_ACCESS_TOKEN: 'local-access-token', X_ACCESS_SECRET: 'local-access-secret', X_API_BASE_URL: x.baseUrl, X_REPLY_PRIVATE_SMS: '120', X_REDACTION_WINDOW_DAYS: '30' },
    );
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

  /** One new mention polled into a complaint; returns the complaint id. */
  async function mentionToComplaint(id: string, author: FakeUser, text: string): Promise<string> {
    x.addMention({ id, text, author_id: author.id, conversation_id: id, created_at: new Date().toISOString() }, author);
    const poll = await gateway.api<PollBody>('/x/poll', { method: 'POST' });
    expect(poll.body.outcome).toBe('completed');
    await gateway.settle();
    const list = await gateway.api<ListBody & { items: Array<{ complaintId: string }> }>('/api/complaints?channel=x&limit=100');
    for (const item of list.body.items) {
      const detail = await gateway.api<DetailBody>(`/api/complaints/${item.complaintId}`);
      if (detail.body.messages.some((message) => message.text === text)) return item.complaintId;
    }
    throw new Error(`mention ${id} was not stored`);
  }

  const reply = (complaintId: string, text: string, replyId: string) =>
    gateway.api<ReplyBody>(`/api/complaints/${complaintId}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, replyId }),
    });

  it('posts a counselor reply under the mention, as a numbered thread when long, with user context', async () => {
    const mentionId = '1866503928398045300';
    const complaintId = await mentionToComplaint(mentionId, { id: '43001', username: 'jongno_resident', name: 'Jongno' }, '@seoul_city 종로 버스정류장 조명이 고장났어요');
    const before = x.posted.length;
    const text = '안녕하세요, 서울시 다산콜센터입니다. 말씀하신 버스정류장 조명 고장은 담당 부서에 전달되었고 이번 주 안에 수리될 예정입니다. '.repeat(4).trim();

    const answer = await reply(complaintId, text, 'reply-x-thread-1');

    expect(answer.status).toBe(201);
    const posted = x.posted.slice(before);
    expect(posted.length).toBeGreaterThan(1);
    expect(posted[0]?.inReplyToTweetId).toBe(mentionId);
    posted.slice(1).forEach((post, index) => expect(post.inReplyToTweetId).toBe(posted[index]?.id));
    expect(posted.map((post) => post.text.match(/\((\d+)\/(\d+)\)/)?.slice(1).join('/'))).toEqual(posted.map((_, i) => `${i + 1}/${posted.length}`));
    expect(posted.every((post) => weightedLength(post.text) <= 280)).toBe(true);
    expect(answer.body).toMatchObject({ delivery: 'sent', providerMessageId: posted.map((post) => post.id).join(',') });
    const posts = x.requests.filter((request) => request.route === 'post').slice(-posted.length);
    expect(posts.every((request) => request.authorization?.startsWith('OAuth ') && request.authorization.includes('oauth_token="local-access-token"'))).toBe(true);
    const detail = await gateway.api<DetailBody>(`/api/complaints/${complaintId}`);
    expect(detail.body.status).toBe('answered');
  });

  it('refuses a reply carrying a phone number, posts the private-channel invitation instead, and never twice', async () => {
    const mentionId = '1866503928398045310';
    const complaintId = await mentionToComplaint(mentionId, { id: '43002', username: 'mapo_2', name: 'Mapo' }, '@seoul_city 불법 주차 신고는 어디로 하나요?');
    const before = x.posted.length;

    const answer = await reply(complaintId, '담당 주무관 김민수(010-9876-5432)에게 직접 전화하세요.', 'reply-x-refused-1');
    const again = await reply(complaintId, '담당 주무관 김민수(010-9876-5432)에게 직접 전화하세요.', 'reply-x-refused-1');

    const posted = x.posted.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.inReplyToTweetId).toBe(mentionId);
    expect(posted[0]?.text).toContain('문자 상담(120)');
    expect(posted[0]?.text).not.toContain('9876');
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ delivery: 'failed', providerMessageId: posted[0]?.id });
    expect(answer.body.lastError).toMatch(/^refused: .*phone/);
    expect(answer.body.lastError).not.toContain('9876');
    expect(again.body).toMatchObject({ delivery: 'failed', providerMessageId: posted[0]?.id });
    const detail = await gateway.api<DetailBody>(`/api/complaints/${complaintId}`);
    expect(detail.body.status).toBe('received');
  });

  it('removes the stored text of a mention deleted at X through a batch compliance job (POST /x/redaction-sweep twice), keeping the contact', async () => {
    const mentionId = '1866503928398045320';
    const complaintId = await mentionToComplaint(mentionId, { id: '43003', username: 'gone_soon', name: 'Gone' }, '@seoul_city 이 글은 곧 지울게요');
    x.deleted.add(mentionId);

    type SweepBody = { job: { step: string }; redacted: { deleted: number } };
    const submitted = await gateway.api<SweepBody>('/x/redaction-sweep', { method: 'POST' });
    x.completeComplianceJobs();
    const applied = await gateway.api<SweepBody>('/x/redaction-sweep', { method: 'POST' });

    expect(submitted.body.job.step).toBe('submitted');
    expect(applied.status).toBe(200);
    expect(applied.body.job.step).toBe('applied');
    expect(applied.body.redacted.deleted).toBeGreaterThanOrEqual(1);
    const detail = await gateway.api<DetailBody>(`/api/complaints/${complaintId}`);
    expect(detail.body.messages).toHaveLength(1);
    expect(detail.body.messages[0]?.text).toBe('');
    expect(detail.body.messages[0]?.redactedAt).toBeDefined();
  });
});
