import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../schemas/zod-mini.ts';
import { assignComplaint } from '../core/assign-complaint.ts';
import { changeStatus, type ChangeStatusResult } from '../core/complaint-lifecycle.ts';
import { changePetitionType } from '../core/deadlines/change-petition-type.ts';
import { DeadlineChangeRefusedError } from '../core/deadlines/errors.ts';
import { extendDeadline } from '../core/deadlines/extend-deadline.ts';
import { listOverdue } from '../core/deadlines/list-overdue.ts';
import { InvalidCursorError } from '../core/ports/complaint-repository.ts';
import { ComplaintSearchSchema, searchComplaints } from '../core/search-complaints.ts';
import { ComplaintNotFoundError, ConcurrentStatusChangeError, InvalidQueryError, InvalidTransitionError, ReplyConflictError, ReplyNotFoundError, ReplyStateError, UnreachableCitizenError } from '../core/errors.ts';
import { ComplaintStatusSchema, complaintSummaryView, listComplaints, readComplaint, resolveComplaintId, type ComplaintDetailView, type QueryDeps } from '../core/queries.ts';
import { isReplyHandedOff, recordDeliveredOtherwise, sendReply } from '../core/reply.ts';
import { REASON_MAX, REASON_MIN } from '../core/audit/model.ts';
import { NoCallbackNumberError, unmaskCitizen } from '../core/unmask-citizen.ts';
import { AssignmentBodySchema, DeadlineExtensionBodySchema, OverdueQuerySchema, PetitionTypeBodySchema } from './shared/complaint-action-bodies.ts';
import { HttpError, json, parseJsonBody, parseWith } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffApiHandler, type StaffCall } from './shared/staff-router.ts';
import { COMPLAINTS_API_ROUTES } from '../core/staff/staff-routes.ts';
import { complaintsApiDeps } from '../wiring/aws/complaints-api.ts';
import type { ComplaintsApiDeps } from '../wiring/deps/complaints-api.ts';

const ReplyBodySchema = z.object({
  text: z.string().check(z.trim(), z.minLength(1, 'text is required'), z.maxLength(4000)),
  /** Client-chosen id so a retried POST never sends twice. */
  replyId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'replyId must be 8-64 URL-safe characters')),
  /** The language the counselor wrote in: Korean (default, translated) or the citizen's own. */
  language: z.optional(z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn'])),
  /** Confirms the Korean text may go out untranslated to a citizen who does not read Korean. */
  sendUntranslated: z.optional(z.boolean()),
});

/** The counselor reached the citizen another way after an undelivered reply: how, in a few words. */
const DeliveredOtherwiseBodySchema = z.object({
  note: z.string().check(z.trim(), z.minLength(1, 'note is required (how the citizen was reached)'), z.maxLength(500)),
});

const StatusBodySchema = z.object({
  status: ComplaintStatusSchema,
  reason: z.string().check(z.trim(), z.minLength(1, 'reason is required'), z.maxLength(1000)),
});

const UnmaskBodySchema = z.object({
  /** Why the number is needed (recorded, PII-masked, in the access record). */
  reason: z.string().check(z.trim(), z.minLength(REASON_MIN, `a reason of at least ${REASON_MIN} characters is required`), z.maxLength(REASON_MAX)),
});

function complaintIdParam(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (!id || id.length > 128) throw new HttpError(400, 'complaint id is missing or too long');
  return id;
}

/** The complaint the path names (404 if none), noted on the call's access record with its citizen. */
async function complaintOf(deps: QueryDeps, event: APIGatewayProxyEvent, call: StaffCall): Promise<ComplaintDetailView> {
  const found = await readComplaint(deps, complaintIdParam(event));
  if (!found) throw new HttpError(404, 'no complaint with that id or receipt number');
  call.note({ complaintId: found.view.complaintId, citizenKeyHash: found.citizenKeyHash });
  return found.view;
}

/** The complaint an update names (id or receipt number), or 404. */
async function targetOf(deps: ComplaintsApiDeps, event: APIGatewayProxyEvent): Promise<string> {
  const complaintId = await resolveComplaintId(deps.query, complaintIdParam(event));
  if (!complaintId) throw new HttpError(404, 'no complaint with that id or receipt number');
  return complaintId;
}

/**
 * What a category, agency or deadline change answers: whether it changed anything, and the
 * complaint now. The access record names the complaint and its citizen.
 */
function changed(call: StaffCall, result: ChangeStatusResult): APIGatewayProxyResult {
  call.note({ complaintId: result.complaint.complaintId, citizenKeyHash: result.complaint.citizen.hash });
  return json(200, { changed: result.changed, complaint: complaintSummaryView(result.complaint) });
}

/**
 * The counselor and auditor API: list, search, detail, reply, status, category and agency,
 * deadlines, unmask. The staff router checks the role (from the verified token, or the SigV4
 * identity) before any work and records every call in the audit trail before its answer leaves.
 */
export function createComplaintsApiHandler(getDeps: () => Promise<ComplaintsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent, call: StaffCall, deps: ComplaintsApiDeps): Promise<APIGatewayProxyResult> => {
    const { route, actor } = call;
    try {
      switch (route) {
        case 'GET /api/complaints': {
          const list = await listComplaints(deps.query, event.queryStringParameters ?? {});
          call.note({ resultCount: list.items.length });
          return json(200, list);
        }
        case 'GET /api/complaints/{id}':
          return json(200, await complaintOf(deps.query, event, call));
        case 'POST /api/complaints/{id}/replies': {
          const body = parseJsonBody(event, ReplyBodySchema);
          const detail = await complaintOf(deps.query, event, call);
          const reply = await sendReply(deps.reply, {
            complaintId: detail.complaintId,
            counselor: actor.username,
            textKo: body.text,
            replyId: body.replyId,
            ...(body.language ? { language: body.language } : {}),
            ...(body.sendUntranslated !== undefined ? { sendUntranslated: body.sendUntranslated } : {}),
          });
          return json(isReplyHandedOff(reply) ? 201 : 202, reply);
        }
        case 'POST /api/complaints/{id}/replies/{replyId}/delivered-otherwise': {
          const body = parseJsonBody(event, DeliveredOtherwiseBodySchema);
          const detail = await complaintOf(deps.query, event, call);
          const replyId = event.pathParameters?.replyId;
          if (!replyId || replyId.length > 128) throw new HttpError(400, 'reply id is missing or too long');
          const reply = await recordDeliveredOtherwise(deps.reply, { complaintId: detail.complaintId, replyId, counselor: actor.username, note: body.note });
          return json(200, reply);
        }
        case 'POST /api/complaints/{id}/status': {
          const body = parseJsonBody(event, StatusBodySchema);
          const detail = await complaintOf(deps.query, event, call);
          const result = await changeStatus(deps.status, {
            complaintId: detail.complaintId,
            to: body.status,
            actor: `counselor:${actor.username}`,
            reason: body.reason,
          });
          return json(200, { changed: result.changed, status: result.complaint.status });
        }
        case 'POST /api/complaints/{id}/unmask': {
          const body = parseJsonBody(event, UnmaskBodySchema);
          const unmasked = await unmaskCitizen(deps.unmask, { idOrReceiptNo: complaintIdParam(event), reason: body.reason });
          if (!unmasked) throw new HttpError(404, 'no complaint with that id or receipt number');
          call.note(unmasked.access);
          return json(200, unmasked.contact);
        }
        case 'POST /api/complaints/search': {
          const found = await searchComplaints(deps.search, parseJsonBody(event, ComplaintSearchSchema));
          call.note(found.access);
          return json(200, found.view);
        }
        case 'GET /api/complaints/overdue': {
          const query = parseWith(OverdueQuerySchema, event.queryStringParameters ?? {}, 'query');
          const page = await listOverdue(deps.overdue, query);
          call.note({ resultCount: page.items.length });
          return json(200, {
            now: page.now,
            items: page.items.map((entry) => complaintSummaryView(entry.complaint)),
            ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
          });
        }
        case 'POST /api/complaints/{id}/assignment': {
          const body = parseJsonBody(event, AssignmentBodySchema);
          const complaintId = await targetOf(deps, event);
          return changed(call, await assignComplaint(deps.status, { complaintId, ...body, actor: `counselor:${actor.username}` }));
        }
        case 'POST /api/complaints/{id}/petition-type': {
          const body = parseJsonBody(event, PetitionTypeBodySchema);
          const complaintId = await targetOf(deps, event);
          return changed(call, await changePetitionType(deps.deadlines, { complaintId, petitionType: body.type, reason: body.reason, actor: `counselor:${actor.username}` }));
        }
        case 'POST /api/complaints/{id}/deadline-extension': {
          const body = parseJsonBody(event, DeadlineExtensionBodySchema);
          const complaintId = await targetOf(deps, event);
          return changed(call, await extendDeadline(deps.deadlines, { complaintId, ...body, actor: `counselor:${actor.username}` }));
        }
        default:
          throw new HttpError(404, `no route ${route}`);
      }
    } catch (error) {
      if (error instanceof InvalidQueryError) throw new HttpError(400, 'invalid query', error.issues);
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'invalid query', [`cursor: ${error.message}`]);
      if (error instanceof DeadlineChangeRefusedError) throw new HttpError(error.refusal === 'extension-too-long' ? 400 : 409, error.message, { refusal: error.refusal });
      if (error instanceof ComplaintNotFoundError || error instanceof ReplyNotFoundError) throw new HttpError(404, error.message);
      if (error instanceof ReplyStateError) throw new HttpError(409, error.message);
      if (error instanceof InvalidTransitionError || error instanceof ReplyConflictError) throw new HttpError(409, error.message);
      if (error instanceof UnreachableCitizenError || error instanceof NoCallbackNumberError) throw new HttpError(409, error.message);
      if (error instanceof ConcurrentStatusChangeError) throw new HttpError(409, 'the complaint changed meanwhile; retry');
      if (error instanceof RangeError) throw new HttpError(400, error.message);
      throw error;
    }
  };
  return staffApiHandler(COMPLAINTS_API_ROUTES, getDeps, base);
}

export const handler = createComplaintsApiHandler(lazy(complaintsApiDeps));
