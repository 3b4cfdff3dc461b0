import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { embeddedDynamoClient } from '../../local/embedded-dynamodb.ts';
import { createHappyCallRepository } from '../../functions/adapters/dynamodb/happy-call-repository.ts';
import { registerHappyCall } from '../../functions/core/voice/happy-call.ts';
import { loadFixture } from '../support/fixtures.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface DetailBody {
  complaintId: string;
  receiptNo: string;
  channel: string;
  citizen: string;
  statusHistory: Array<{ from: string | null; to: string; actor: string; reason: string }>;
}

describe('local gateway, Connect flow Lambdas over HTTP', () => {
  let gateway: TestGateway;
  const post = (fn: string, body: unknown) =>
    fetch(`${gateway.url}/connect/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => gateway.stop());

  it('answers contact-start with the flat attribute map Lambda returns, and the call appears in the complaints API', async () => {
    const event = loadFixture('connect', 'flow-event-voice-inbound');
    const response = await post('contact-start', event);
    expect(response.status).toBe(200);
    const attributes = (await response.json()) as Record<string, string>;
    expect(attributes).toMatchObject({ route: 'language', language: 'ko', openComplaintCount: '0' });
    for (const [key, value] of Object.entries(attributes)) {
      expect(key).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(value).toMatch(/^[A-Za-z0-9_-]*$/);
    }
    const again = (await (await post('contact-start', event)).json()) as Record<string, string>;
    expect(again.complaintId).toBe(attributes.complaintId);

    const detail = await gateway.api<DetailBody>(`/api/complaints/${attributes.complaintId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.channel).toBe('voice');
    expect(detail.body.receiptNo).toBe(attributes.receiptNo);
    expect(JSON.stringify(detail.body)).not.toContain('12345678');
  });

  it('accepts a withheld number (null CustomerEndpoint, empty Parameters)', async () => {
    const response = await post('contact-start', loadFixture('connect', 'flow-event-null-endpoint'));
    const attributes = (await response.json()) as Record<string, string>;
    expect(response.status).toBe(200);
    expect(attributes).toMatchObject({ route: 'language', openComplaintCount: '0' });
    const detail = await gateway.api<DetailBody>(`/api/complaints/${attributes.complaintId}`);
    expect(detail.body.citizen).toBe('anonymous caller');
  });

  it('records Amazon Connect contact events in the complaint status history', async () => {
    const start = loadFixture<{ Details: { ContactData: { ContactId: string; InitialContactId: string } } }>('connect', 'flow-event-voice-inbound');
    const contactId = '11111111-1111-1111-1111-111111111111';
    start.Details.ContactData.ContactId = contactId;
    start.Details.ContactData.InitialContactId = contactId;
    const attributes = (await (await post('contact-start', start)).json()) as Record<string, string>;
    for (const name of ['contact-event-queued', 'contact-event-connected-to-agent', 'contact-event-connected-to-agent']) {
      const response = await post('contact-events', loadFixture('connect', name));
      expect(response.status).toBe(200);
    }
    const detail = await gateway.api<DetailBody>(`/api/complaints/${attributes.complaintId}`);
    const connected = detail.body.statusHistory.filter((e) => e.to === 'in_progress');
    expect(connected).toHaveLength(1);
    expect(connected[0]?.actor).toBe('counselor:99999999-8888-7777-6666-555555555555');
  });

  it('answers the happy-call outcome function and refuses unknown functions and non-JSON bodies', async () => {
    const outcome = await post('happy-call-outcome', loadFixture('connect', 'flow-event-voice-inbound'));
    expect(outcome.status).toBe(200);
    expect(await outcome.json()).toEqual({ recorded: 'false' });
    expect((await post('transfer-everyone', {})).status).toBe(404);
    expect((await post('contact-start', 'not json')).status).toBe(400);
  });

  it('shows due happy calls at a given time, and why the others are not due', async () => {
    const documents = DynamoDBDocumentClient.from(embeddedDynamoClient(gateway.dynamoEndpoint));
    const repository = createHappyCallRepository(documents, gateway.config.TABLE_NAME);
    const base = {
      citizen: { kind: 'phone' as const, hash: 'h', sealed: 'sealed', masked: '+82 10-****-0000' },
      language: 'vi' as const,
      consent: { givenAt: '2026-01-01T00:00:00.000Z', source: 'counselor' as const, recordedBy: 'counselor:7' },
    };
    const monday = new Date('2026-03-02T01:30:00.000Z'); // 10:30 Seoul
    await repository.register(registerHappyCall({ ...base, registrationId: 'reg-monday', schedule: { weekdays: [1], window: { start: '10:00', end: '12:00' }, perWeek: 1 } }, monday));
    await repository.register(registerHappyCall({ ...base, registrationId: 'reg-friday', schedule: { weekdays: [5], window: { start: '10:00', end: '12:00' }, perWeek: 1 } }, monday));
    const { status, body } = await gateway.api<{ due: Array<{ registrationId: string; clientToken: string }>; notDue: Array<{ registrationId: string; reason: string }> }>(
      `/api/happy-calls/due?at=${monday.toISOString()}`,
    );
    expect(status).toBe(200);
    expect(body.due).toEqual([expect.objectContaining({ registrationId: 'reg-monday', clientToken: 'happy-call-reg-monday-2026-03-02' })]);
    expect(body.notDue).toEqual([{ registrationId: 'reg-friday', reason: 'not a preferred day' }]);
    documents.destroy();
  });
});
