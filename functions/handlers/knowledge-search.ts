import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { KnowledgeSearchQuerySchema } from '../../schemas/knowledge.ts';
import { KNOWLEDGE_SEARCH_ROUTES } from '../core/staff/staff-routes.ts';
import { knowledgeSearchDeps } from '../wiring/aws/knowledge-search.ts';
import type { KnowledgeSearchDeps } from '../wiring/deps/knowledge-search.ts';
import { HttpError, json, parseWith } from './shared/http.ts';
import { knowledgeActor, knowledgeHttpError } from './shared/knowledge-http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';

/**
 * `GET /api/knowledge/search?q=&limit=&category=`: a function of its own, holding the loaded
 * index, with only what search needs in its bundle so a cold container answers fast. Every call
 * is recorded (knowledge.search, with how many cases it returned).
 */
export function createKnowledgeSearchHandler(getDeps: () => Promise<KnowledgeSearchDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: KnowledgeSearchDeps): Promise<APIGatewayProxyResult> => {
    if (call.route !== 'GET /api/knowledge/search') throw new HttpError(404, `no route ${call.route}`);
    const { q, limit, category } = parseWith(KnowledgeSearchQuerySchema, event.queryStringParameters ?? {}, 'query');
    try {
      const found = await deps.knowledge.searchKnowledge({ q, limit, ...(category ? { category } : {}) }, knowledgeActor(call));
      call.note({ resultCount: found.items.length });
      return json(200, found);
    } catch (error) {
      throw knowledgeHttpError(error);
    }
  };
  return staffApiHandler(KNOWLEDGE_SEARCH_ROUTES, getDeps, base);
}

export const handler = createKnowledgeSearchHandler(lazy(knowledgeSearchDeps));
