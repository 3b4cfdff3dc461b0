import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import {
  CaseIdSchema,
  CaseStatusChangeBodySchema,
  DraftFromComplaintBodySchema,
  EditCaseBodySchema,
  FillQuickResponseBodySchema,
  KnowledgeGapsQuerySchema,
  QuickResponseBodySchema,
  QuickResponseQuerySchema,
  SuggestionFeedbackBodySchema,
} from '../../schemas/knowledge.ts';
import { isComplaintId } from '../core/ids.ts';
import type { QuickResponse, QuickResponseLanguage } from '../core/knowledge/quick-responses.ts';
import { KNOWLEDGE_API_ROUTES } from '../core/staff/staff-routes.ts';
import { knowledgeApiDeps } from '../wiring/aws/knowledge.ts';
import type { KnowledgeApiDeps } from '../wiring/deps/knowledge-api.ts';
import { header, HttpError, json, parseJsonBody, parseWith } from './shared/http.ts';
import { knowledgeActor, knowledgeHttpError } from './shared/knowledge-http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';

function caseIdParam(event: APIGatewayProxyEvent): string {
  return parseWith(CaseIdSchema, event.pathParameters?.caseId, 'case id');
}

function shortcutParam(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (!id || id.length > 64) throw new HttpError(400, 'quick response id is missing or too long');
  return id;
}

/**
 * The import file as bytes. The API passes text/csv and NDJSON on as binary (base64), so a CP949
 * file arrives intact; a file that arrived as text with bytes already lost (an API without those
 * binary media types) is refused rather than imported garbled.
 */
function importBody(event: APIGatewayProxyEvent): Uint8Array | string {
  const body = event.body ?? '';
  if (event.isBase64Encoded) return Buffer.from(body, 'base64');
  if (body.includes('\uFFFD')) {
    throw new HttpError(415, 'the file arrived as text with bytes that were not UTF-8; send CSV as text/csv (passed on as bytes) or convert it to UTF-8');
  }
  return body;
}

/**
 * A complaint a body names: its access record names it once the call succeeds, with the keyed
 * hash of its citizen when the call read the complaint (drafts and fills; feedback only marks a case).
 */
function noteComplaint(call: StaffCall, complaintId: string, citizenKeyHash?: string): void {
  if (isComplaintId(complaintId)) call.note({ complaintId, ...(citizenKeyHash !== undefined ? { citizenKeyHash } : {}) });
}

/** One line per language shown: the text in the language asked for, or the Korean one for the reply path to translate. */
export function quickResponseView(response: QuickResponse, language?: QuickResponseLanguage) {
  const shown: QuickResponseLanguage = language && response.texts[language] !== undefined ? language : 'ko';
  return {
    id: response.shortcut,
    shortcut: response.shortcut,
    language: shown,
    title: response.title,
    text: response.texts[shown] ?? '',
    texts: response.texts,
    version: response.version,
    updatedAt: response.updatedAt,
  };
}

/**
 * The knowledge API: read a case and its versions, edit, retire and publish it (supervisors),
 * import a file, list search gaps, mark a suggestion, make a draft from a resolved complaint,
 * and the quick responses. The actor of every change is the verified caller; every call is
 * recorded in the audit trail (each route's action in STAFF_APIS.knowledge) before it is answered.
 */
export function createKnowledgeApiHandler(getDeps: () => Promise<KnowledgeApiDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: KnowledgeApiDeps): Promise<APIGatewayProxyResult> => {
    const actor = knowledgeActor(call);
    const kb = deps.knowledge;
    const query = event.queryStringParameters ?? {};
    try {
      switch (call.route) {
        case 'GET /api/knowledge/cases/{caseId}':
          return json(200, await kb.getCase(caseIdParam(event), actor));
        case 'GET /api/knowledge/cases/{caseId}/versions': {
          const items = await kb.caseHistory(caseIdParam(event), actor);
          call.note({ resultCount: items.length });
          return json(200, { items });
        }
        case 'PUT /api/knowledge/cases/{caseId}': {
          const caseId = caseIdParam(event);
          return json(200, await kb.editCase(caseId, parseJsonBody(event, EditCaseBodySchema), actor));
        }
        case 'POST /api/knowledge/cases/{caseId}/retire': {
          const caseId = caseIdParam(event);
          return json(200, await kb.retireCase(caseId, parseJsonBody(event, CaseStatusChangeBodySchema), actor));
        }
        case 'POST /api/knowledge/cases/{caseId}/publish': {
          const caseId = caseIdParam(event);
          return json(200, await kb.publishCase(caseId, parseJsonBody(event, CaseStatusChangeBodySchema), actor));
        }
        case 'POST /api/knowledge/import':
          return json(200, await kb.importKnowledge(importBody(event), header(event, 'content-type'), actor));
        case 'GET /api/knowledge/gaps': {
          const gaps = await kb.listGaps(parseWith(KnowledgeGapsQuerySchema, query, 'query'), actor);
          call.note({ resultCount: gaps.items.length });
          return json(200, gaps);
        }
        case 'POST /api/knowledge/feedback': {
          const body = parseJsonBody(event, SuggestionFeedbackBodySchema);
          noteComplaint(call, body.complaintId);
          return json(200, await kb.recordSuggestionFeedback(body, actor));
        }
        case 'POST /api/knowledge/drafts': {
          const body = parseJsonBody(event, DraftFromComplaintBodySchema);
          const { draft, citizenKeyHash } = await kb.draftCaseFromComplaint({ complaintId: body.complaintId, ...(body.category ? { category: body.category } : {}), ...(body.title ? { title: body.title } : {}) }, actor);
          noteComplaint(call, body.complaintId, citizenKeyHash);
          return json(200, draft);
        }
        case 'GET /api/quick-responses': {
          const { q, language } = parseWith(QuickResponseQuerySchema, query, 'query');
          const { items } = await kb.searchQuickResponses({ ...(q ? { q } : {}), ...(language ? { language } : {}) }, actor);
          call.note({ resultCount: items.length });
          return json(200, { items: items.map((response) => quickResponseView(response, language)) });
        }
        case 'PUT /api/quick-responses/{id}': {
          const shortcut = shortcutParam(event);
          return json(200, quickResponseView(await kb.saveQuickResponse(shortcut, parseJsonBody(event, QuickResponseBodySchema), actor)));
        }
        case 'POST /api/quick-responses/{id}/fill': {
          const shortcut = shortcutParam(event);
          const body = parseJsonBody(event, FillQuickResponseBodySchema);
          const { filled, citizenKeyHash } = await kb.fillQuickResponseForComplaint(
            {
              shortcut,
              complaintId: body.complaintId,
              ...(body.language ? { language: body.language } : {}),
              ...(body.caseId ? { caseId: body.caseId } : {}),
              ...(body.values ? { values: body.values } : {}),
            },
            actor,
          );
          noteComplaint(call, body.complaintId, citizenKeyHash);
          return json(200, filled);
        }
        default:
          throw new HttpError(404, `no route ${call.route}`);
      }
    } catch (error) {
      throw knowledgeHttpError(error);
    }
  };
  return staffApiHandler(KNOWLEDGE_API_ROUTES, getDeps, base);
}

export const handler = createKnowledgeApiHandler(lazy(knowledgeApiDeps));
