import { IntakeEnvelopeSchema, type IntakeEnvelope } from '../schemas/inbound-message.ts';
import { maskPersonalData } from '../functions/core/pii-masking.ts';
import type { PiiProtector } from '../functions/core/ports/pii.ts';
import { protectHandle } from '../functions/core/protect-handle.ts';
import { describeError } from '../functions/handlers/shared/describe-error.ts';
import { sendJson, type LocalTarget } from './http-server.ts';
import type { LocalQueue, StoredMessage } from './local-queue.ts';
import type { Router } from './router.ts';

/**
 * Why a message reached the dead-letter folder:
 * - `unreadable_body`: not JSON; no redrive can help;
 * - `invalid_envelope`: JSON but not an intake envelope (a producer bug); no redrive can help;
 * - `processing_failed`: a valid contact the pipeline failed on every delivery (store, media,
 *   a bug); `lastError` says what, and a redrive once it is fixed stores it.
 */
export type DeadLetterReason = 'unreadable_body' | 'invalid_envelope' | 'processing_failed';

export type EnvelopeView =
  | {
      kind: 'inbound';
      channel: string;
      provider: string;
      providerMessageId: string;
      citizen: string;
      text: string;
      media: Array<{ contentType: string }>;
      receivedAt: string;
    }
  | { kind: 'translate'; complaintId: string; messageId: string; attempt: number }
  | { kind: 'reply'; complaintId: string; replyId: string; attempt: number };

export interface DeadLetterView {
  messageId: string;
  reason: DeadLetterReason;
  attempts: number;
  sentAt: string;
  lastError?: { name: string; message: string };
  /** Absent when the body is not an intake envelope: an unknown shape may hold anything. */
  envelope?: EnvelopeView;
}

function readEnvelope(body: string): { reason: DeadLetterReason; envelope?: IntakeEnvelope } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { reason: 'unreadable_body' };
  }
  const parsed = IntakeEnvelopeSchema.safeParse(value);
  return parsed.success ? { reason: 'processing_failed', envelope: parsed.data } : { reason: 'invalid_envelope' };
}

/**
 * What an operator sees of a dead letter, masked as the complaints API masks a complaint:
 * the citizen's handle as protectHandle masks it, phone and resident registration numbers in
 * the text masked, no names, no media URLs. The stored body stays untouched for a redrive.
 */
export function deadLetterView(stored: StoredMessage, pii: PiiProtector): DeadLetterView {
  const { reason, envelope } = readEnvelope(stored.body);
  return {
    messageId: stored.messageId,
    reason,
    attempts: stored.receiveCount,
    sentAt: new Date(stored.sentAt).toISOString(),
    ...(stored.lastError ? { lastError: stored.lastError } : {}),
    ...(envelope ? { envelope: envelopeView(envelope, pii) } : {}),
  };
}

function envelopeView(envelope: IntakeEnvelope, pii: PiiProtector): EnvelopeView {
  if (envelope.kind !== 'inbound') return envelope;
  const message = envelope.message;
  return {
    kind: 'inbound',
    channel: message.channel,
    provider: message.provider,
    providerMessageId: message.providerMessageId,
    citizen: protectHandle(pii, message.citizenHandleKind, message.citizenHandle).masked,
    text: maskPersonalData(message.text),
    media: message.media.map((media) => ({ contentType: media.contentType })),
    receivedAt: message.receivedAt,
  };
}

/** The pipeline's failures, kept with each message so the dead-letter view can name them. */
export function recordFailures(queue: LocalQueue): (sqsMessageId: string, error: unknown) => void {
  return (sqsMessageId, error) => {
    const { errorName, errorMessage } = describeError(error);
    queue.noteFailure(sqsMessageId, { name: errorName, message: errorMessage });
  };
}

/** `GET /api/dead-letters` (masked) and `POST /api/dead-letters/{messageId}/redrive` (the original payload). */
export function mountDeadLetterRoutes(router: Router<LocalTarget>, parts: { queue: LocalQueue; pii: PiiProtector }): void {
  router
    .add('GET', '/api/dead-letters', {
      kind: 'native',
      staff: { permission: 'operations:manage' },
      handle: async (_request, response) => sendJson(response, 200, { items: (await parts.queue.deadLetters()).map((stored) => deadLetterView(stored, parts.pii)) }),
    })
    .add('POST', '/api/dead-letters/{messageId}/redrive', {
      kind: 'native',
      staff: { permission: 'operations:manage' },
      handle: async (_request, response, params) => {
        const messageId = params?.messageId ?? '';
        if (!(await parts.queue.redrive(messageId))) return sendJson(response, 404, { error: 'no dead letter with that message id' });
        sendJson(response, 202, { messageId, redriven: true });
      },
    });
}
