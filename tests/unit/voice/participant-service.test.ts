import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatMessageParts, createParticipantService, participantServiceUrl } from '../../../functions/adapters/connect/participant-service.ts';
import { ConnectRetryableError } from '../../../functions/adapters/connect/connect-retry.ts';
import { startFakeConnectParticipant, type FakeConnectParticipant } from '../../support/fake-connect-participant.ts';
import { sendJson, startLocalHttp } from '../../support/local-http.ts';

const instant = async () => {};

describe('Amazon Connect Participant Service adapter (follow-ups posted as the citizen)', () => {
  let service: FakeConnectParticipant;
  beforeEach(async () => {
    service = await startFakeConnectParticipant(['participant-token-1']);
  });
  afterEach(async () => service.close());

  const adapter = () => createParticipantService({ baseUrl: service.url, retry: { sleep: instant } });

  it('creates a connection with the participant token, then sends with the connection token (no SigV4)', async () => {
    await expect(adapter().post({ participantToken: 'participant-token-1', clientToken: 'msg_1', text: '버스 정류장 표지판이 또 쓰러졌어요' })).resolves.toBe('posted');
    expect(service.requests).toEqual([
      { path: '/participant/connection', bearer: 'participant-token-1', body: { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true } },
      { path: '/participant/message', bearer: 'connection-1', body: { ContentType: 'text/plain', Content: '버스 정류장 표지판이 또 쓰러졌어요', ClientToken: 'msg_1' } },
    ]);
    expect(service.messages).toHaveLength(1);
  });

  it('connects the customer side on its own (CreateParticipantConnection with ConnectParticipant), sending nothing', async () => {
    await expect(adapter().connect({ participantToken: 'participant-token-1' })).resolves.toBe('connected');
    expect(service.requests).toEqual([
      { path: '/participant/connection', bearer: 'participant-token-1', body: { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true } },
    ]);
    expect(service.messages).toEqual([]);
    service.end('participant-token-1');
    await expect(adapter().connect({ participantToken: 'participant-token-1' })).resolves.toBe('ended');
  });

  it('answers ended when the chat no longer accepts the participant (403 AccessDeniedException)', async () => {
    service.end('participant-token-1');
    await expect(adapter().post({ participantToken: 'participant-token-1', clientToken: 'msg_2', text: 'hello' })).resolves.toBe('ended');
    expect(service.messages).toEqual([]);
  });

  it('retries throttling with backoff and posts once', async () => {
    service.throttle(2);
    await expect(adapter().post({ participantToken: 'participant-token-1', clientToken: 'msg_3', text: 'hello' })).resolves.toBe('posted');
    expect(service.requests.filter((r) => r.path === '/participant/connection')).toHaveLength(3);
    expect(service.messages.map((m) => m.clientToken)).toEqual(['msg_3']);
  });

  it('splits a long follow-up into parts of at most 1,024 characters, none cut, each with its own idempotency token', async () => {
    const text = '가'.repeat(1500) + '😀'.repeat(600);
    await expect(adapter().post({ participantToken: 'participant-token-1', clientToken: 'msg_4', text })).resolves.toBe('posted');
    await adapter().post({ participantToken: 'participant-token-1', clientToken: 'msg_4', text });
    expect(service.messages.map((m) => m.clientToken)).toEqual(['msg_4#1', 'msg_4#2', 'msg_4#3']);
    expect(service.messages.map((m) => m.content).join('')).toBe(text);
    expect(service.messages.every((m) => m.content.length <= 1024)).toBe(true);
  });

  it('throws a retryable error when the service keeps failing, so EventBridge redelivers the event', async () => {
    const down = await startLocalHttp((_request, response) => {
      response.setHeader('x-amzn-errortype', 'InternalServerException');
      sendJson(response, 500, { message: 'internal' });
    });
    try {
      const failing = createParticipantService({ baseUrl: down.url, retry: { sleep: instant, maxAttempts: 2 } });
      await expect(failing.post({ participantToken: 't', clientToken: 'msg_5', text: 'x' })).rejects.toBeInstanceOf(ConnectRetryableError);
    } finally {
      await down.close();
    }
  });

  it('retries a refused connection inside the call and then throws a retryable error', async () => {
    const closed = await startLocalHttp(() => undefined);
    const url = closed.url;
    await closed.close();
    const failing = createParticipantService({ baseUrl: url, retry: { sleep: instant, maxAttempts: 2 } });
    await expect(failing.post({ participantToken: 't', clientToken: 'msg_6', text: 'x' })).rejects.toMatchObject({ name: 'ConnectRetryableError', attempts: 2 });
  });

  it('knows the regional endpoint and keeps surrogate pairs whole when splitting', () => {
    expect(participantServiceUrl('ap-northeast-2')).toBe('https://participant.connect.ap-northeast-2.amazonaws.com');
    expect(chatMessageParts('😀😀😀', 5)).toEqual(['😀😀', '😀']);
    expect(chatMessageParts('short')).toEqual(['short']);
  });
});
