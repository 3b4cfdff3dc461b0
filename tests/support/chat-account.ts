import type { TestGateway } from './local-gateway.ts';

/** A verified chat account on the local gateway, as the chat page gets one: apply, read the SMS code from the outbox, verify. */
export async function chatAccountOn(gateway: TestGateway, phone: string, language = 'ko'): Promise<{ accountId: string; token: string }> {
  const post = (path: string, body: unknown) => fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const applied = await post('/chat/accounts', { name: '수어이용자', phone, language });
  if (applied.status !== 202) throw new Error(`apply failed: ${applied.status} ${await applied.text()}`);
  // Newest first: the code just sent.
  const outbox = await gateway.api<{ items: Array<{ body: string }> }>('/api/outbox');
  const code = outbox.body.items.map((item) => /(\d{6})/.exec(item.body)?.[1]).find(Boolean);
  if (!code) throw new Error('no verification code in the outbox');
  const verified = await post('/chat/accounts/verify', { phone, code });
  if (verified.status !== 201) throw new Error(`verify failed: ${verified.status} ${await verified.text()}`);
  return (await verified.json()) as { accountId: string; token: string };
}
