import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from '../../schemas/zod-mini.ts';
import { changeStatus } from '../core/complaint-lifecycle.ts';
import { ComplaintNotFoundError, ConcurrentStatusChangeError, InvalidQueryError, InvalidTransitionError, ReplyConflictError, ReplyNotFoundError, ReplyStateError, UnreachableCitizenError } from '../core/errors.ts';
import { ComplaintStatusSchema, getComplaint, listComplaints } from '../core/queries.ts';
import { isReplyHandedOff, recordDeliveredOtherwise, sendReply } from '../core/reply.ts';
import { HttpError, httpErrors, json, parseJsonBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { staffCall } from './shared/staff-router.ts';
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

function complaintIdParam(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.id;
  if (!id || id.length > 128) throw new HttpError(400, 'complaint id is missing or too long');
  return id;
}

/** The counselor and auditor API: list, detail, reply, status change. */
export function createComplaintsApiHandler(getDeps: () => Promise<ComplaintsApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const deps = await getDeps();
    // The role comes from the verified token (or the SigV4 identity), checked before any work.
    const { route, actor } = staffCall(COMPLAINTS_API_ROUTES, event);
    try {
      switch (route) {
        case 'GET /api/complaints':
          return json(200, await listComplaints(deps.query, event.queryStringParameters ?? {}));
        case 'GET /api/complaints/{id}': {
          const detail = await getComplaint(deps.query, complaintIdParam(event));
          if (!detail) throw new HttpError(404, 'no complaint with that id or receipt number');
          return json(200, detail);
        }
        case 'POST /api/complaints/{id}/replies': {
          const body = parseJsonBody(event, ReplyBodySchema);
          const detail = await getComplaint(deps.query, complaintIdParam(event));
          if (!detail) throw new HttpError(404, 'no complaint with that id or receipt number');
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
          const detail = await getComplaint(deps.query, complaintIdParam(event));
          if (!detail) throw new HttpError(404, 'no complaint with that id or receipt number');
          const replyId = event.pathParameters?.replyId;
          if (!replyId || replyId.length > 128) throw new HttpError(400, 'reply id is missing or too long');
          const reply = await recordDeliveredOtherwise(deps.reply, { complaintId: detail.complaintId, replyId, counselor: actor.username, note: body.note });
          return json(200, reply);
        }
        case 'POST /api/complaints/{id}/status': {
          const body = parseJsonBody(event, StatusBodySchema);
          const detail = await getComplaint(deps.query, complaintIdParam(event));
          if (!detail) throw new HttpError(404, 'no complaint with that id or receipt number');
          const result = await changeStatus(deps.status, {
            complaintId: detail.complaintId,
            to: body.status,
            actor: `counselor:${actor.username}`,
            reason: body.reason,
          });
          return json(200, { changed: result.changed, status: result.complaint.status });
        }
        default:
          throw new HttpError(404, `no route ${route}`);
      }
    } catch (error) {
      if (error instanceof InvalidQueryError) throw new HttpError(400, 'invalid query', error.issues);
      if (error instanceof ComplaintNotFoundError || error instanceof ReplyNotFoundError) throw new HttpError(404, error.message);
      if (error instanceof ReplyStateError) throw new HttpError(409, error.message);
      if (error instanceof InvalidTransitionError || error instanceof ReplyConflictError) throw new HttpError(409, error.message);
      if (error instanceof UnreachableCitizenError) throw new HttpError(409, error.message);
      if (error instanceof ConcurrentStatusChangeError) throw new HttpError(409, 'the complaint changed meanwhile; retry');
      if (error instanceof RangeError) throw new HttpError(400, error.message);
      throw error;
    }
  };
  return middy(base).use(httpErrors(async () => (await getDeps()).log));
}

export const handler = createComplaintsApiHandler(lazy(complaintsApiDeps));
