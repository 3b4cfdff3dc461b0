import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundMessageSchema, type InboundMessage, type InboundMessageInput } from '../../../schemas/inbound-message.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { intakeDeps, itemsMentioning, startHarness, type Harness } from '../intake/harness.ts';

let sequence = 0;

/** A service request as the Open311 edge enqueues it (functions/core/open311/submit-request.ts). */
function webRequest(overrides: Partial<InboundMessageInput> = {}): InboundMessage {
  sequence += 1;
  return InboundMessageSchema.parse({
    channel: 'web',
    provider: 'open311',
    providerMessageId: `o311-test-${Date.now()}-${sequence}`,
    citizenHandle: '010-2222-3333',
    citizenHandleKind: 'phone',
    text: '집 앞 도로에 큰 포트홀이 생겼어요',
    receivedAt: '2026-03-02T01:00:00.000Z',
    report: {
      serviceCode: 'roads',
      lat: 37.5665,
      long: 126.978,
      address: '서울 중구 세종대로 110',
      attributes: { hazard: ['pothole'] },
      contact: { email: 'Citizen@Example.ORG', firstName: '길동', lastName: '홍' },
      client: 'web',
    },
    ...overrides,
  });
}

describe('Open311 requests through the intake pipeline', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  it('founds one complaint per request, even from the same phone number with an open one', async () => {
    const deps = intakeDeps(harness);
    const first = await ingestMessage(deps, webRequest());
    const second = await ingestMessage(deps, webRequest({ text: '가로등도 꺼져 있습니다' }));
    expect(first.newComplaint).toBe(true);
    expect(second.newComplaint).toBe(true);
    expect(second.complaintId).not.toBe(first.complaintId);
  });

  it('stores the report on the complaint with the contact details hashed, sealed and masked, never in clear', async () => {
    const deps = intakeDeps(harness);
    const outcome = await ingestMessage(deps, webRequest());
    const complaint = await harness.repository.getComplaint(outcome.complaintId);
    expect(complaint).toMatchObject({
      channel: 'web',
      category: '도로·시설물',
      citizen: { kind: 'phone', masked: '+82 10-****-3333' },
      report: { serviceCode: 'roads', lat: 37.5665, long: 126.978, address: '서울 중구 세종대로 110', attributes: { hazard: ['pothole'] }, client: 'web' },
    });
    expect(complaint?.report?.contact.email?.masked).toBe('C***@example.org');
    expect(harness.pii.open(complaint?.report?.contact.email?.sealed ?? '')).toBe('Citizen@example.org');
    expect(complaint?.report?.contact.name?.masked).toBe('홍**');
    expect(harness.pii.open(complaint?.report?.contact.name?.sealed ?? '')).toBe('홍 길동');
    const stored = JSON.stringify(await itemsMentioning(harness, [outcome.complaintId]));
    expect(stored).toContain(outcome.complaintId);
    for (const clear of ['Citizen@Example.ORG', 'Citizen@example.org', '길동', '2222-3333']) expect(stored).not.toContain(clear);
  });

  it('stores a request once when it is delivered twice', async () => {
    const deps = intakeDeps(harness);
    const message = webRequest();
    const first = await ingestMessage(deps, message);
    const again = await ingestMessage(deps, message);
    expect(again).toMatchObject({ status: 'duplicate', complaintId: first.complaintId, receiptNo: first.receiptNo });
  });

  it('keeps an anonymous request reachable by nobody and an email-only one under its masked address', async () => {
    const deps = intakeDeps(harness);
    const anonymous = await ingestMessage(deps, webRequest({ citizenHandle: 'web-anonymous:req-1', citizenHandleKind: 'web-anonymous' }));
    const byEmail = await ingestMessage(deps, webRequest({ citizenHandle: 'someone@example.org', citizenHandleKind: 'email' }));
    expect((await harness.repository.getComplaint(anonymous.complaintId))?.citizen.masked).toBe('anonymous web request');
    expect((await harness.repository.getComplaint(byEmail.complaintId))?.citizen).toMatchObject({ kind: 'email', masked: 's***@example.org' });
  });
});
