import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ChatApplyBodySchema, ChatRevokeBodySchema, ChatVerifyBodySchema } from '../../schemas/chat-api.ts';
import { applyForAccount, revokeToken, verifyAccount } from '../core/chat/accounts.ts';
import { ChatAccountError } from '../core/chat/errors.ts';
import { bearerToken, citizenPageCors } from './shared/citizen-api.ts';
import { HttpError, httpErrors, json, parseJsonBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { chatAccountsApiDeps } from '../wiring/aws/chat-accounts-api.ts';
import type { ChatAccountsApiDeps } from '../wiring/deps/chat-accounts-api.ts';

export const CHAT_ACCOUNT_ROUTES = ['POST /chat/accounts', 'POST /chat/accounts/verify', 'POST /chat/tokens/revoke'] as const;

const STATUS: Record<ChatAccountError['code'], number> = {
  invalid_phone: 400,
  resend_too_soon: 429,
  daily_limit: 429,
  address_limit: 429,
  no_code: 400,
  code_expired: 400,
  too_many_attempts: 429,
  wrong_code: 400,
  unknown_token: 404,
};

/**
 * `code` names the refusal for the chat page, which shows it in the citizen's language; it is
 * also kept in `details`, where the first clients read it. `error` stays English for people
 * reading logs and curl output.
 */
function refusal(error: ChatAccountError): APIGatewayProxyResult {
  const response = json(STATUS[error.code], { error: error.message, code: error.code, details: { code: error.code, ...error.details } });
  if (error.details.retryAfterSeconds !== undefined) response.headers = { ...response.headers, 'retry-after': String(error.details.retryAfterSeconds) };
  return response;
}

/** A body that does not parse or validate: `details` names the fields, as for every API. */
function invalidRequest(error: HttpError): APIGatewayProxyResult {
  return json(error.statusCode, { error: error.message, code: 'invalid_request', ...(error.details === undefined ? {} : { details: error.details }) });
}

/** Chat accounts: apply (a code by SMS), verify (a token, shown once), revoke a token. */
export function createChatAccountsApiHandler(getDeps: () => Promise<ChatAccountsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const route = `${event.httpMethod} ${event.resource}`;
    if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: {}, body: '' };
    try {
      switch (route) {
        case 'POST /chat/accounts': {
          const body = parseJsonBody(event, ChatApplyBodySchema);
          const sourceAddress = event.requestContext.identity?.sourceIp;
          const sent = await applyForAccount(deps.accounts, { ...body, ...(sourceAddress ? { sourceAddress } : {}) });
          return json(202, { status: 'code_sent', phone: sent.maskedPhone, codeExpiresAt: sent.expiresAt });
        }
        case 'POST /chat/accounts/verify': {
          const body = parseJsonBody(event, ChatVerifyBodySchema);
          const issued = await verifyAccount(deps.accounts, body);
          return json(201, { accountId: issued.accountId, token: issued.token, tokenExpiresAt: issued.expiresAt, language: issued.language });
        }
        case 'POST /chat/tokens/revoke': {
          const body = event.body ? parseJsonBody(event, ChatRevokeBodySchema) : {};
          const token = body.token ?? bearerToken(event);
          if (!token) throw new HttpError(400, 'give the token in the body ({"token": "..."}) or as Authorization: Bearer');
          const { closedConnections } = await revokeToken(deps.accounts, token);
          return json(200, { status: 'revoked', closedConnections });
        }
        default:
          throw new HttpError(404, `no route ${route}`);
      }
    } catch (error) {
      if (error instanceof ChatAccountError) return refusal(error);
      if (error instanceof HttpError && error.statusCode === 400) return invalidRequest(error);
      throw error;
    }
  };
  return middy(base)
    .use(citizenPageCors(async () => (await getDeps()).allowedOrigin))
    .use(httpErrors(async () => (await getDeps()).accounts.log));
}

export const handler = createChatAccountsApiHandler(lazy(chatAccountsApiDeps));
