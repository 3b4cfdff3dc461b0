import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { AnswerOpenQuerySchema, AnswerSearchQuerySchema, CaseIdSchema, NotHelpfulBodySchema } from '../../schemas/self-service.ts';
import { AnswerNotFoundError, SelfServiceRateLimitedError } from '../core/self-service/errors.ts';
import type { PublicCaller } from '../core/self-service/self-service.ts';
import { selfServiceAnswersDeps } from '../wiring/aws/self-service-answers.ts';
import type { SelfServiceAnswersDeps } from '../wiring/deps/self-service-answers.ts';
import { citizenPageCors } from './shared/citizen-api.ts';
import { HttpError, httpErrors, json, parseJsonBody, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';

/** Public routes: no token. Each counts against the caller's address window. */
export const SELF_SERVICE_ROUTES = ['GET /answers/search', 'GET /answers/{caseId}', 'POST /answers/{caseId}/not-helpful'] as const;

function callerOf(event: APIGatewayProxyEvent, visitId: string | undefined): PublicCaller {
  // API Gateway's own view of the client (the TCP peer, or the first address CloudFront passes), never a header the client sets.
  const address = event.requestContext.identity?.sourceIp;
  if (!address) throw new HttpError(400, 'no client address');
  return { address, ...(visitId ? { visitId } : {}) };
}

function caseIdOf(event: APIGatewayProxyEvent): string {
  return parseWith(CaseIdSchema, event.pathParameters?.caseId ?? '', 'caseId');
}

/**
 * The citizens' search over published answers (docs/adr/0029-self-service-answers.md):
 * search, open an answer, "this did not help". Rate-limited per client address (hashed).
 */
export function createSelfServiceAnswersHandler(getDeps: () => Promise<SelfServiceAnswersDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const route = `${event.httpMethod} ${event.resource}`;
    if (event.httpMethod === 'OPTIONS') return { statusCode: 204, headers: {}, body: '' };
    try {
      switch (route) {
        case 'GET /answers/search': {
          const query = parseWith(AnswerSearchQuerySchema, event.queryStringParameters ?? {}, 'query');
          return json(200, await deps.selfService.searchAnswers({ q: query.q, language: query.lang }, callerOf(event, query.visit)));
        }
        case 'GET /answers/{caseId}': {
          const query = parseWith(AnswerOpenQuerySchema, event.queryStringParameters ?? {}, 'query');
          return json(200, await deps.selfService.openAnswer({ caseId: caseIdOf(event), language: query.lang }, callerOf(event, query.visit)));
        }
        case 'POST /answers/{caseId}/not-helpful': {
          const body = parseJsonBody(event, NotHelpfulBodySchema);
          return json(200, await deps.selfService.answerDidNotHelp({ caseId: caseIdOf(event), language: body.language }, callerOf(event, body.visitId)));
        }
        default:
          throw new HttpError(404, `no route ${route}`);
      }
    } catch (error) {
      if (error instanceof SelfServiceRateLimitedError) {
        return json(429, { error: error.message, code: 'rate_limited', retryAfterSeconds: error.retryAfterSeconds }, { 'retry-after': String(error.retryAfterSeconds) });
      }
      if (error instanceof AnswerNotFoundError) throw new HttpError(404, error.message);
      throw error;
    }
  };
  return middy(base)
    .use(citizenPageCors(async () => (await getDeps()).allowedOrigin))
    .use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createSelfServiceAnswersHandler(lazy(selfServiceAnswersDeps));
