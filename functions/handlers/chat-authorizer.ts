import middy from '@middy/core';
import type { AuthorizerPolicy, WebSocketAuthorizerEvent } from '../../schemas/chat-websocket-events.ts';
import { tokenFromHandshake } from '../channels/chat/handshake.ts';
import { authenticateToken } from '../core/chat/accounts.ts';
import { tokenHash } from '../core/chat/secrets.ts';
import { lazy } from './shared/lazy.ts';
import { chatAuthorizerDeps } from '../wiring/aws/chat-authorizer.ts';
import type { ChatAuthorizerDeps } from '../wiring/deps/chat-authorizer.ts';

export function policyFor(effect: 'Allow' | 'Deny', principalId: string, methodArn: string, context?: Record<string, string>): AuthorizerPolicy {
  return {
    principalId,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: methodArn }] },
    ...(context ? { context } : {}),
  };
}

/**
 * REQUEST authorizer on $connect. No token: throws 'Unauthorized', which API Gateway turns
 * into 401. A malformed, unknown, expired or revoked token: an explicit Deny (403). A good
 * one: Allow on this very method ARN, with the account id and the token's hash in the context
 * every route sees.
 */
export function createChatAuthorizerHandler(getDeps: () => Promise<ChatAuthorizerDeps>) {
  const base = async (event: WebSocketAuthorizerEvent): Promise<AuthorizerPolicy> => {
    const deps = await getDeps();
    const token = tokenFromHandshake(event);
    if (!token) {
      deps.log.info('chat connect without token', { connectionId: event.requestContext.connectionId });
      throw new Error('Unauthorized');
    }
    const check = await authenticateToken(deps, token);
    if (!check.ok) {
      deps.log.info('chat connect denied', { connectionId: event.requestContext.connectionId, reason: check.reason });
      return policyFor('Deny', 'anonymous', event.methodArn);
    }
    // The token's hash travels with the connection, so revoking the token can close it.
    // The account's language hints intake when a message's own script cannot tell.
    return policyFor('Allow', check.accountId, event.methodArn, { accountId: check.accountId, tokenHash: tokenHash(token), language: check.language });
  };
  return middy(base);
}

export const handler = createChatAuthorizerHandler(lazy(chatAuthorizerDeps));
