import { describe, expect, it } from 'vitest';
import { ConnectContactEventSchema } from '../../../schemas/connect-contact-event.ts';
import { contactEventToStatusEntries } from '../../../functions/core/voice/contact-events.ts';
import { loadFixture } from '../../support/fixtures.ts';

const entriesFor = (name: string) => contactEventToStatusEntries(ConnectContactEventSchema.parse(loadFixture('connect', name)));

describe('Amazon Connect contact events to status history', () => {
  it('records a queued call with its queue and enqueue time', () => {
    expect(entriesFor('contact-event-queued')).toEqual([
      {
        contactKey: '11111111-1111-1111-1111-111111111111',
        eventId: 'connect:11111111-1111-1111-1111-111111111111:queued:2025-01-06T01:00:04.000Z',
        kind: 'queued',
        at: '2025-01-06T01:00:04.000Z',
        actor: 'connect',
        to: 'received',
        reason: 'queued in aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
      },
    ]);
  });

  it('records which counselor took the call, accepting the AgentInfo/AgentArn casing of the documented sample', () => {
    const [entry] = entriesFor('contact-event-connected-to-agent');
    expect(entry).toMatchObject({
      kind: 'connected_to_counselor',
      actor: 'counselor:99999999-8888-7777-6666-555555555555',
      from: 'received',
      to: 'in_progress',
      at: '2025-01-06T01:01:47.000Z',
    });
  });

  it('records the disconnect with its reason, keeping the complaint in progress after counseling', () => {
    const [entry] = entriesFor('contact-event-disconnected');
    expect(entry).toMatchObject({ kind: 'disconnected', to: 'in_progress', at: '2025-01-06T01:05:37.000Z' });
    expect(entry?.reason).toContain('CUSTOMER_DISCONNECT');
  });

  it('records after-contact work with the counselor and its duration from the COMPLETED event', () => {
    const entries = entriesFor('contact-event-completed-acw');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'after_contact_work',
      actor: 'counselor:99999999-8888-7777-6666-555555555555',
      at: '2025-01-06T01:07:09.000Z',
      reason: 'after-contact work finished (92 s)',
    });
  });

  it('adds nothing for CONTACT_DATA_UPDATED and for event types it does not know', () => {
    expect(entriesFor('contact-event-data-updated')).toEqual([]);
    const raw = loadFixture<Record<string, unknown> & { detail: Record<string, unknown> }>('connect', 'contact-event-queued');
    const future = { ...raw, detail: { ...raw.detail, eventType: 'SOMETHING_NEW' } };
    expect(contactEventToStatusEntries(ConnectContactEventSchema.parse(future))).toEqual([]);
  });

  it('gives a redelivered event the same eventId', () => {
    const first = entriesFor('contact-event-queued')[0]?.eventId;
    const again = entriesFor('contact-event-queued')[0]?.eventId;
    expect(first).toBeDefined();
    expect(again).toBe(first);
  });

  it('refuses an event from another source', () => {
    const raw = loadFixture<Record<string, unknown>>('connect', 'contact-event-queued');
    expect(ConnectContactEventSchema.safeParse({ ...raw, source: 'aws.other' }).success).toBe(false);
  });
});

describe('video calls (StartWebRTCContact) in the status history', () => {
  const webrtc = (name: string, eventType?: string) => {
    const event = loadFixture<{ detail: Record<string, unknown> }>('connect', name);
    event.detail.initiationMethod = 'WEBRTC_API';
    if (eventType) event.detail.eventType = eventType;
    return contactEventToStatusEntries(ConnectContactEventSchema.parse(event));
  };

  it('records the start of a video call from its INITIATED event, and nothing for the INITIATED event of a phone call', () => {
    expect(webrtc('contact-event-queued', 'INITIATED')).toEqual([
      expect.objectContaining({ kind: 'started', to: 'received', actor: 'connect', reason: 'video call started', eventId: expect.stringContaining(':started:') }),
    ]);
    const phone = loadFixture<{ detail: Record<string, unknown> }>('connect', 'contact-event-queued');
    phone.detail.eventType = 'INITIATED';
    expect(contactEventToStatusEntries(ConnectContactEventSchema.parse(phone))).toEqual([]);
  });

  it('says a video call reached a counselor, and when it ends how long the citizen was with the counselor', () => {
    expect(webrtc('contact-event-connected-to-agent')[0]).toMatchObject({ kind: 'connected_to_counselor', reason: 'video call connected to a counselor' });
    const [ended] = webrtc('contact-event-disconnected');
    expect(ended).toMatchObject({ kind: 'disconnected', durationSeconds: 230, reason: 'video call ended after 3 min 50 s with a counselor (CUSTOMER_DISCONNECT)' });
  });

  it('gives the time with a counselor for phone calls too', () => {
    expect(entriesFor('contact-event-disconnected')[0]).toMatchObject({ durationSeconds: 230, reason: 'contact ended after counseling, 3 min 50 s with a counselor (CUSTOMER_DISCONNECT)' });
  });
});
