import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import { InboundMessageSchema } from '../../../schemas/inbound-message.ts';
import type { ConnectContactFlowEvent } from '../../../schemas/connect-flow-event.ts';
import { createContactStartHandler } from '../../../functions/channels/voice/contact-start-handler.ts';
import type { VoiceComplaintPort, VoiceContactContext } from '../../../functions/core/voice/contact-start.ts';
import type { Log } from '../../../functions/core/ports/runtime.ts';
import { loadFixture } from '../../support/fixtures.ts';

const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
const recordingLog = () => {
  const lines: Array<{ message: string; attributes?: Record<string, unknown> }> = [];
  const log: Log = {
    debug: (message, attributes) => lines.push({ message, ...(attributes ? { attributes } : {}) }),
    info: (message, attributes) => lines.push({ message, ...(attributes ? { attributes } : {}) }),
    warn: (message, attributes) => lines.push({ message, ...(attributes ? { attributes } : {}) }),
    error: (message, attributes) => lines.push({ message, ...(attributes ? { attributes } : {}) }),
  };
  return { log, lines };
};

/** In-memory port keyed by providerMessageId, as the real ingest is. */
function memoryComplaints(openCount = 2) {
  const byContact = new Map<string, { complaintId: string; receiptNo: string }>();
  const seen: Array<{ inbound: InboundMessage; context: VoiceContactContext }> = [];
  const port: VoiceComplaintPort = {
    async attachOrCreate(inbound, context) {
      seen.push({ inbound, context });
      const existing = byContact.get(inbound.providerMessageId);
      if (existing) return existing;
      const created = { complaintId: `c-${byContact.size + 1}`, receiptNo: `120-20250101-00000${byContact.size + 1}` };
      byContact.set(inbound.providerMessageId, created);
      return created;
    },
    async countOpenComplaints() {
      return openCount;
    },
  };
  return { port, byContact, seen };
}

const never = () => new Promise<never>(() => {});
const now = () => new Date('2025-01-01T00:00:00.000Z');

describe('contact-start Lambda', () => {
  it('creates the complaint and answers a flat string map with receipt number, language and open count', async () => {
    const store = memoryComplaints(2);
    const handler = createContactStartHandler({ complaints: store.port, log: silentLog, now, sleep: never });
    const response = await handler(loadFixture('connect', 'flow-event-voice-inbound'));
    expect(response).toEqual({ route: 'language', language: 'ko', receiptNo: '120-20250101-000001', complaintId: 'c-1', openComplaintCount: '2' });
    for (const value of Object.values(response)) expect(typeof value).toBe('string');
    const sent = store.seen[0]?.inbound;
    expect(InboundMessageSchema.parse(sent)).toMatchObject({
      channel: 'voice',
      provider: 'amazon-connect',
      providerMessageId: '4a573372-1f28-4e26-b97b-000000000001',
      citizenHandle: '+821012345678',
      citizenHandleKind: 'phone',
    });
  });

  it('returns the same complaint when Connect retries the same contact', async () => {
    const store = memoryComplaints();
    const handler = createContactStartHandler({ complaints: store.port, log: silentLog, now, sleep: never });
    const event = loadFixture('connect', 'flow-event-voice-inbound');
    const first = await handler(event);
    const second = await handler(event);
    expect(second.complaintId).toBe(first.complaintId);
    expect(store.byContact.size).toBe(1);
  });

  it('gives a withheld number a per-contact anonymous handle and counts no open complaints', async () => {
    const store = memoryComplaints(5);
    const handler = createContactStartHandler({ complaints: store.port, log: silentLog, now, sleep: never });
    const response = await handler(loadFixture('connect', 'flow-event-null-endpoint'));
    expect(response.openComplaintCount).toBe('0');
    expect(store.seen[0]?.context.anonymous).toBe(true);
    expect(store.seen[0]?.inbound.citizenHandle).toBe('anonymous-caller:4a573372-1f28-4e26-b97b-000000000002');
  });

  it('keys a transferred contact on its InitialContactId and keeps the language already chosen', async () => {
    const store = memoryComplaints();
    const handler = createContactStartHandler({ complaints: store.port, log: silentLog, now, sleep: never });
    const response = await handler(loadFixture('connect', 'flow-event-transfer'));
    expect(store.seen[0]?.inbound.providerMessageId).toBe('4a573372-1f28-4e26-b97b-000000000003');
    expect(response.language).toBe('vi');
  });

  it('answers the default route within its budget when storage does not answer, without throwing', async () => {
    const { log, lines } = recordingLog();
    const slow: VoiceComplaintPort = { attachOrCreate: never, countOpenComplaints: never };
    let budgetAsked = 0;
    const handler = createContactStartHandler({
      complaints: slow,
      log,
      now,
      budgetMs: 1500,
      sleep: async (ms) => {
        budgetAsked = ms;
      },
    });
    const response = await handler(loadFixture('connect', 'flow-event-voice-inbound'));
    expect(response).toEqual({ route: 'default', language: 'ko' });
    expect(budgetAsked).toBe(1500);
    expect(lines.some((l) => l.message.includes('budget exceeded'))).toBe(true);
  });

  it('answers the default route when the store fails, and logs no phone number', async () => {
    const { log, lines } = recordingLog();
    const failing: VoiceComplaintPort = {
      attachOrCreate: async () => {
        throw new Error('ProvisionedThroughputExceededException +821012345678');
      },
      countOpenComplaints: async () => 1,
    };
    const handler = createContactStartHandler({ complaints: failing, log, now, sleep: never });
    const response = await handler(loadFixture('connect', 'flow-event-voice-inbound'));
    expect(response.route).toBe('default');
    expect(response.openComplaintCount).toBe('1');
    expect(JSON.stringify(lines)).not.toContain('1012345678');
  });

  it('answers the default route for an event that is not a ContactFlowEvent', async () => {
    const handler = createContactStartHandler({ complaints: memoryComplaints().port, log: silentLog, now, sleep: never });
    expect(await handler({ Name: 'Something', Details: {} })).toEqual({ route: 'default', language: 'ko' });
  });

  it('accepts the documented chat event with a null endpoint, empty Parameters and a language attribute', async () => {
    const store = memoryComplaints();
    const handler = createContactStartHandler({ complaints: store.port, log: silentLog, now, sleep: never });
    const event = loadFixture<ConnectContactFlowEvent>('connect', 'flow-event-chat');
    const response = await handler(event);
    expect(response.language).toBe('ja');
    expect(response.route).toBe('language');
  });

  it('stores the caller\'s consent to SMS notices on the complaint when the flow says so (parameter or attribute), never for a withheld number', async () => {
    const consents: Array<{ complaintId: string; contactId: string; at: string }> = [];
    const store = memoryComplaints();
    const port: VoiceComplaintPort = {
      ...store.port,
      recordSmsNoticeConsent: async (complaintId, consent) => {
        consents.push({ complaintId, ...consent });
      },
    };
    const handler = createContactStartHandler({ complaints: port, log: silentLog, now, sleep: never });
    const event = loadFixture<ConnectContactFlowEvent>('connect', 'flow-event-voice-inbound');
    await handler(event);
    expect(consents).toEqual([]);
    const consenting = { ...event, Details: { ...event.Details, Parameters: { language: 'en', smsNotices: 'granted' } } };
    await handler(consenting);
    expect(consents).toEqual([{ complaintId: 'c-1', contactId: '4a573372-1f28-4e26-b97b-000000000001', at: now().toISOString() }]);
    // The attribute set by the flow counts as well (a later block that only passes the attributes).
    const byAttribute = { ...event, Details: { ...event.Details, ContactData: { ...event.Details.ContactData, Attributes: { ...event.Details.ContactData.Attributes, smsNotices: 'granted' } } } };
    await handler(byAttribute);
    expect(consents).toHaveLength(2);

    const anonymous = loadFixture<ConnectContactFlowEvent>('connect', 'flow-event-null-endpoint');
    await handler({ ...anonymous, Details: { ...anonymous.Details, Parameters: { smsNotices: 'granted' } } });
    expect(consents).toHaveLength(2);
  });
});
