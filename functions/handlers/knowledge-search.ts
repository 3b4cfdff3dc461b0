import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { KnowledgeSearchQuerySchema } from '../../schemas/knowledge.ts';
import { KNOWLEDGE_SEARCH_ROUTES } from '../core/staff/staff-routes.ts';
import { knowledgeSearchDeps } from '../wiring/aws/knowledge-search.ts';
import type { KnowledgeSearchDeps } from '../wiring/deps/knowledge-search.ts';
import { HttpError, httpErrors, json, parseWith } from './shared/http.ts';
import { knowledgeActor, knowledgeHttpError } from './shared/knowledge-http.ts';
import { lazy } from './shared/lazy.ts';
import { staffCall } from './shared/staff-router.ts';
import { staffCors } from './shared/staff-cors.ts';

/**
 * `GET /api/knowledge/search?q=&limit=&category=`: a function of its own, holding the loaded
 * index, with only what search needs in its bundle so a cold container answers fast.
 */
export function createKnowledgeSearchHandler(getDeps: () => Promise<KnowledgeSearchDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    const call = staffCall(KNOWLEDGE_SEARCH_ROUTES, event);
    const actor = knowledgeActor(KNOWLEDGE_SEARCH_ROUTES, call);
    if (call.route !== 'GET /api/knowledge/search') throw new HttpError(404, `no route ${call.route}`);
    const { q, limit, category } = parseWith(KnowledgeSearchQuerySchema, event.queryStringParameters ?? {}, 'query');
    try {
      return json(200, await deps.knowledge.searchKnowledge({ q, limit, ...(category ? { category } : {}) }, actor));
    } catch (error) {
      throw knowledgeHttpError(error);
    }
  };
  return middy(base)
    .use(staffCors(async () => (await getDeps()).corsOrigins ?? []))
    .use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createKnowledgeSearchHandler(lazy(knowledgeSearchDeps));
