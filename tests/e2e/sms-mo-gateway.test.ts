import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_MO_WEBHOOK_SECRET } from '../../local/config.ts';
import { postMoSms } from '../../local/simulated-mo-relay.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

interface ListBody {
  items: Array<{ complaintId: string; channel: string; citizen: string }>;
}
interface DetailBody {
  messages: Array<{ text: string }>;
}

describe('local gateway, the signed MO webhook end to end over HTTP', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({}, { MO_WEBHOOK_PREVIOUS_SECRET: 'previous-local-mo-webhook-secret-000000000' });
  });
  afterAll(async () => gateway?.stop());

  it('stores a relayed Korean SMS once however often the relay posts it, and refuses a request signed with an unknown key', async () => {
    const mo = { from: '010-2468-1357', text: '공원 벤치가 부서졌어요', messageId: 'relay-e2e-0001' };
    const first = await postMoSms({ gatewayUrl: gateway.url, secret: LOCAL_MO_WEBHOOK_SECRET, mo });
    expect(first).toMatchObject({ status: 200, messageId: 'relay-e2e-0001' });
    // A retry, signed with the previous key of a rotation in progress.
    expect((await postMoSms({ gatewayUrl: gateway.url, secret: 'previous-local-mo-webhook-secret-000000000', mo })).status).toBe(200);
    expect((await postMoSms({ gatewayUrl: gateway.url, secret: 'someone-else-entirely-0000000000000000000', mo: { ...mo, messageId: 'forged-1' } })).status).toBe(403);
    await gateway.settle();

    const list = await gateway.api<ListBody>('/api/complaints?channel=sms');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]?.citizen).not.toContain('2468-1357');
    const detail = await gateway.api<DetailBody>(`/api/complaints/${list.body.items[0]?.complaintId}`);
    expect(detail.body.messages.map((m) => m.text)).toEqual(['공원 벤치가 부서졌어요']);
  });
});
