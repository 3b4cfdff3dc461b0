import { createHash } from 'node:crypto';
import type { InboundMessage, MediaRef } from '../../../schemas/inbound-message.ts';
import { crockfordBase32, digestOf } from '../ids.ts';
import type { IntakeQueue } from '../ports/intake-queue.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import { receiptNoFor } from '../receipt.ts';
import type { ApiKeys } from './api-keys.ts';
import { ListOf, type Document } from './document.ts';
import { Open311Error } from './errors.ts';
import type { Open311Store } from './ports.ts';
import { checkRateLimits, type RateLimits } from './rate-limits.ts';
import { readServiceRequestForm, type FormPairs, type ParsedServiceRequest } from './request-form.ts';
import type { Open311Language } from './services.ts';
import { UPLOADS_PATH } from './uploads.ts';

/** A retried POST with the same body and key within this window gets the same service_request_id. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;

export interface SubmitDeps {
  apiKeys: ApiKeys;
  store: Open311Store;
  intake: IntakeQueue;
  clock: Clock;
  log: Log;
  /** The jurisdiction_id this endpoint serves; another one is 404. */
  jurisdictionId: string;
  limits: RateLimits;
}

export interface SubmitContext {
  sourceIp: string;
  /** Base URLs our own upload endpoint answers on: a media_url there is read from the media store. */
  uploadBases: readonly string[];
  language: Open311Language;
}

/** jurisdiction_id is optional (one jurisdiction); a different one is not found, per the spec. */
export function checkJurisdiction(expected: string, given: string | undefined): void {
  if (given !== undefined && given !== '' && given !== expected) throw new Open311Error(404, `jurisdiction_id "${given.slice(0, 64)}" was not found (this endpoint serves ${expected})`);
}

/**
 * The idempotency key: the client (api key name) and the form as sent, pairs in a canonical
 * order so a client that rebuilds the same form differently still retries the same request.
 */
export function idempotencyKeyFor(client: string, pairs: FormPairs): string {
  const canonical = [...pairs].map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).sort();
  return createHash('sha256').update(`${client}\u0000${canonical.join('&')}`, 'utf8').digest('base64url');
}

const UPLOAD_FILE = /^([0-9a-z]{26}\.(?:jpg|png|gif))$/;

/** A media_url on our own upload endpoint becomes a stored key; any other is fetched through the allow-list. */
export function mediaRefFor(url: URL, uploadBases: readonly string[]): MediaRef {
  const base = uploadBases.map((entry) => `${entry.replace(/\/+$/, '')}${UPLOADS_PATH}/`).find((prefix) => url.href.startsWith(prefix));
  const upload = base !== undefined && url.search === '' && url.hash === '' ? UPLOAD_FILE.exec(url.href.slice(base.length)) : null;
  if (upload) {
    const file = upload[1] ?? '';
    const type = file.endsWith('.png') ? 'image/png' : file.endsWith('.gif') ? 'image/gif' : 'image/jpeg';
    return { url: url.href, contentType: type, storedKey: `uploads/${file}` };
  }
  return { url: url.href, contentType: 'application/octet-stream' };
}

/** The canonical message: the handle is the phone when given, else the email, else the request itself. */
export function requestMessage(request: ParsedServiceRequest, client: string, accepted: { requestRef: string; acceptedAt: string }, media: MediaRef[]): InboundMessage {
  const handle =
    request.phone !== undefined
      ? { citizenHandle: request.phone, citizenHandleKind: 'phone' as const }
      : request.email !== undefined
        ? { citizenHandle: request.email, citizenHandleKind: 'email' as const }
        : { citizenHandle: `web-anonymous:${accepted.requestRef}`, citizenHandleKind: 'web-anonymous' as const };
  const contact = {
    ...(request.email !== undefined && request.phone !== undefined ? { email: request.email } : {}),
    ...(request.firstName !== undefined ? { firstName: request.firstName } : {}),
    ...(request.lastName !== undefined ? { lastName: request.lastName } : {}),
  };
  return {
    channel: 'web',
    provider: 'open311',
    providerMessageId: accepted.requestRef,
    ...handle,
    text: request.description,
    media,
    receivedAt: accepted.acceptedAt,
    report: {
      serviceCode: request.service.code,
      ...(request.lat !== undefined ? { lat: request.lat } : {}),
      ...(request.long !== undefined ? { long: request.long } : {}),
      ...(request.address !== undefined ? { address: request.address } : {}),
      attributes: request.attributes,
      contact,
      client,
    },
  };
}

const NOTICE: Record<Open311Language, string> = {
  ko: '120다산콜센터에 접수되었습니다. 이 번호(service_request_id)로 처리 상황과 처리 기한을 확인할 수 있습니다.',
  en: 'Received by the 120 Dasan Call Center. Follow its status and due time with this service_request_id.',
};

/**
 * POST Service Request. Checks the api key (403) and the rate windows (429) before reading the
 * form, then accepts the request once: the first POST of a body under a key records its
 * acceptance for 10 minutes and any retry within them gets the same service_request_id (the
 * receipt number). Every attempt enqueues the same canonical message, so a retry after a failed
 * enqueue still files the request, and the pipeline stores it exactly once (its id is the message's).
 */
export async function submitServiceRequest(deps: SubmitDeps, pairs: FormPairs, context: SubmitContext): Promise<{ document: Document; serviceRequestId: string }> {
  const apiKey = pairs.find(([name]) => name === 'api_key')?.[1];
  const client = deps.apiKeys.identify(apiKey);
  const now = deps.clock.now();
  await checkRateLimits(deps.store, deps.limits, { sourceIp: context.sourceIp, client }, now);
  const request = readServiceRequestForm(pairs);
  checkJurisdiction(deps.jurisdictionId, request.jurisdictionId);

  const idempotencyKey = idempotencyKeyFor(client, pairs);
  const candidate = {
    idempotencyKey,
    requestRef: `o311_${crockfordBase32(digestOf('open311-request', idempotencyKey, now.toISOString())).slice(0, 26).toLowerCase()}`,
    acceptedAt: now.toISOString(),
  };
  const accepted = await deps.store.acceptOnce(
    candidate,
    new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString(),
    new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS).toISOString(),
  );
  const media = request.mediaUrl ? [mediaRefFor(request.mediaUrl, context.uploadBases)] : [];
  const message = requestMessage(request, client, accepted, media);
  await deps.intake.send([{ kind: 'inbound', message }]);
  const serviceRequestId = receiptNoFor(message);
  deps.log.info('open311 request accepted', {
    client,
    serviceCode: request.service.code,
    retry: accepted.requestRef !== candidate.requestRef,
    media: media.length,
    handleKind: message.citizenHandleKind,
  });
  return {
    serviceRequestId,
    document: { root: 'service_requests', body: new ListOf('request', [{ service_request_id: serviceRequestId, service_notice: NOTICE[context.language], account_id: null }]) },
  };
}
