import { randomBytes } from 'node:crypto';
import { AesHmacPiiProtector } from '../functions/adapters/pii/aes-hmac-pii-protector.ts';
import { complaintToItem, messageToItem, replyToItem, statusEventToItem, type Item } from '../functions/adapters/dynamodb/item-mappers.ts';
import { complaintIdFor, messageIdFor, statusEventIdFor } from '../functions/core/ids.ts';
import { kstDayStart } from '../functions/core/kst.ts';
import type { ComplaintStatus, LanguageCode, Message, Reply } from '../functions/core/model.ts';
import type { VersionedComplaint, VersionedStatusEvent } from '../functions/core/ports/complaint-repository.ts';
import { protectHandle } from '../functions/core/protect-handle.ts';
import type { Channel } from '../schemas/inbound-message.ts';
import { mulberry32 } from './support.ts';

function pick<T>(random: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  let r = random() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r <= 0) return value;
  }
  return weighted[weighted.length - 1]?.[0] as T;
}

const CHANNELS: ReadonlyArray<readonly [Channel, number]> = [['sms', 50], ['voice', 35], ['chat', 10], ['x', 5]];
const LANGUAGES: ReadonlyArray<readonly [LanguageCode, number]> = [['ko', 86], ['en', 5], ['zh', 4], ['ja', 2], ['vi', 2], ['mn', 1]];
const OUTCOMES: ReadonlyArray<readonly [ComplaintStatus | 'reopened', number]> = [['received', 8], ['in_progress', 7], ['answered', 20], ['closed', 60], ['reopened', 5]];
const CATEGORIES = ['교통', '주차', '청소', '도로', '가로등', '복지', '세금', '환경', '안전', '공원', '상하수도', '주택', '건축', '보건', '문화'];
const AGENCIES = ['종로구', '중구', '용산구', '성동구', '광진구', '동대문구', '중랑구', '성북구', '강북구', '도봉구', '노원구', '은평구', '서대문구', '마포구', '양천구', '강서구', '구로구', '금천구', '영등포구', '동작구', '관악구', '서초구', '강남구', '송파구', '강동구'];

/**
 * One KST day of contacts written as the items the gateway itself writes (complaint, first
 * message, status history, replies, a satisfaction answer), through the repository's own item
 * mappers: each contact a complaint, most answered and closed, some reopened.
 */
export function* dayOfItems(day: string, contacts: number, seed: number): Generator<Item> {
  const random = mulberry32(seed);
  const pii = new AesHmacPiiProtector({ hmacKey: randomBytes(32), sealKey: randomBytes(32) });
  const start = kstDayStart(day).getTime();
  for (let n = 0; n < contacts; n += 1) {
    const channel = pick(random, CHANNELS);
    const language = pick(random, LANGUAGES);
    const outcome = pick(random, OUTCOMES);
    const at = (ms: number) => new Date(ms).toISOString();
    const created = start + Math.floor((n / contacts) * 86_400_000);
    const messageId = messageIdFor({ channel, provider: 'gateway', providerMessageId: `bench-${day}-${n}` });
    const complaintId = complaintIdFor(messageId);
    const answeredAt = created + Math.floor(60_000 + random() * random() * 5 * 86_400_000);
    const closedAt = answeredAt + Math.floor(random() * 86_400_000);
    const events: VersionedStatusEvent[] = [{ complaintId, eventId: statusEventIdFor(1), version: 1, at: at(created), actor: 'system', from: null, to: 'received', reason: 'first contact' }];
    const add = (from: ComplaintStatus, to: ComplaintStatus, ms: number, actor = 'counselor:bench') =>
      events.push({ complaintId, eventId: statusEventIdFor(events.length + 1), version: events.length + 1, at: at(ms), actor, from, to, reason: 'bench' });
    if (outcome !== 'received') add('received', 'in_progress', created + 30_000);
    if (outcome === 'answered' || outcome === 'closed' || outcome === 'reopened') add('in_progress', 'answered', answeredAt);
    if (outcome === 'reopened') add('answered', 'in_progress', answeredAt + 3_600_000, 'citizen');
    if (outcome === 'closed' || outcome === 'reopened') add(events.at(-1)?.to ?? 'answered', 'closed', closedAt);
    const status = events.at(-1)?.to ?? 'received';
    const dueAt = at(created + 7 * 86_400_000);
    const complaint: VersionedComplaint = {
      complaintId,
      receiptNo: `${day.replaceAll('-', '')}-B${String(n).padStart(9, '0').slice(0, 4)}-${String(n).padStart(9, '0').slice(4)}`,
      channel,
      citizen: protectHandle(pii, 'phone', `010-${String(1000 + (n % 9000)).padStart(4, '0')}-${String(seed % 10_000).padStart(4, '0')}`),
      language,
      status,
      ...(random() < 0.7 ? { category: CATEGORIES[Math.floor(random() * CATEGORIES.length)], agency: AGENCIES[Math.floor(random() * AGENCIES.length)] } : {}),
      createdAt: at(created),
      updatedAt: events.at(-1)?.at ?? at(created),
      lastMessageAt: at(created),
      dueAt,
      confidential: false,
      statusVersion: events.length,
      ...(status === 'closed' && random() < 0.5
        ? {
            satisfactionSurvey: {
              channel: channel === 'voice' ? ('voice' as const) : ('sms' as const),
              language,
              claimedAt: at(closedAt + 1000),
              askedAt: at(closedAt + 2000),
              ...(random() < 0.6 ? { answer: { kind: 'score' as const, score: (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5, at: at(closedAt + 600_000), sourceId: `bench-answer-${n}` } } : {}),
            },
          }
        : {}),
    };
    const message: Message = {
      messageId,
      complaintId,
      direction: 'inbound',
      channel,
      provider: 'gateway',
      providerMessageId: `bench-${day}-${n}`,
      receivedAt: at(created),
      text: '벤치마크 민원입니다',
      overLength: false,
      language,
      translation: { status: 'not_needed', attempts: 0, updatedAt: at(created) },
      attachments: [],
      refusedAttachments: [],
    };
    yield complaintToItem(complaint);
    yield messageToItem(message);
    for (const event of events) yield statusEventToItem(event);
    if (events.some((e) => e.to === 'answered') && channel !== 'voice') {
      const reply: Reply = { replyId: `bench-reply-${n}`, complaintId, channel, createdAt: at(answeredAt - 1000), counselor: 'bench', textKo: '답변', textSent: '답변', language, delivery: 'sent' };
      yield replyToItem(reply);
    }
  }
}
