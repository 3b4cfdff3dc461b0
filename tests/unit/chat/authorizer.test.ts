import { describe, expect, it } from 'vitest';
import type { Context } from 'aws-lambda';
import { applyForAccount, revokeToken, verifyAccount, type ChatAccountDeps } from '../../../functions/core/chat/accounts.ts';
import { createChatAuthorizerHandler } from '../../../functions/handlers/chat-authorizer.ts';
import { InMemoryChatAccounts, ScriptedRandom } from '../../support/chat-fakes.ts';
import { METHOD_ARN, authorizerEvent } from '../../support/chat-events.ts';
import { CapturingLog, ManualClock, RecordingSmsSender, testPiiProtector } from '../../support/in-memory-ports.ts';
import { tokenHash } from '../../../functions/core/chat/secrets.ts';

const context = {} as Context;

async function setup() {
  const accounts = new InMemoryChatAccounts();
  const random = new ScriptedRandom().nextCode('123456');
  const clock = new ManualClock();
  const log = new CapturingLog();
  const deps: ChatAccountDeps = { accounts, pii: testPiiProtector(), sms: new RecordingSmsSender(), random, clock, log };
  await applyForAccount(deps, { name: 'Alex', phone: '010-1111-2222', language: 'en' });
  const issued = await verifyAccount(deps, { phone: '010-1111-2222', code: '123456' });
  const handler = createChatAuthorizerHandler(async () => ({ accounts, clock, log }));
  return { deps, issued, handler, log };
}

describe('chat REQUEST authorizer', () => {
  it('allows a valid token from the query string on exactly the method ARN, with the account and the token hash (never the token) in the context', async () => {
    const { issued, handler } = await setup();
    const policy = await handler(authorizerEvent({ token: issued.token }), context);
    expect(policy).toEqual({
      principalId: issued.accountId,
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: METHOD_ARN }] },
      context: { accountId: issued.accountId, tokenHash: tokenHash(issued.token), language: 'en' },
    });
    expect(JSON.stringify(policy)).not.toContain(issued.token);
  });

  it('takes the token from Sec-WebSocket-Protocol', async () => {
    const { issued, handler } = await setup();
    const policy = await handler(authorizerEvent({ protocolToken: issued.token }), context);
    expect(policy.policyDocument.Statement[0]?.Effect).toBe('Allow');
  });

  it('throws Unauthorized (API Gateway answers 401) when there is no token', async () => {
    const { handler } = await setup();
    await expect(handler(authorizerEvent(), context)).rejects.toThrow(/^Unauthorized$/);
  });

  it('denies a revoked token on the method ARN, without a context', async () => {
    const { deps, issued, handler } = await setup();
    await revokeToken(deps, issued.token);
    const policy = await handler(authorizerEvent({ token: issued.token }), context);
    expect(policy.policyDocument.Statement).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Deny', Resource: METHOD_ARN }]);
    expect(policy.context).toBeUndefined();
    // Denied as nobody: the token's account is not named.
    expect(policy.principalId).toBe('anonymous');
  });

  it('denies a malformed or unknown token and never logs it', async () => {
    const { handler, log } = await setup();
    const unknown = 'Z'.repeat(43);
    expect((await handler(authorizerEvent({ token: unknown }), context)).policyDocument.Statement[0]?.Effect).toBe('Deny');
    expect((await handler(authorizerEvent({ protocolToken: 'garbage' }), context)).policyDocument.Statement[0]?.Effect).toBe('Deny');
    expect(log.text()).not.toContain(unknown);
  });
});
