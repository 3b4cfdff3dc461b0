import type { Channel } from '../../schemas/inbound-message.ts';
import { changeStatus } from './complaint-lifecycle.ts';
import { ComplaintNotFoundError, UnreachableCitizenError } from './errors.ts';
import type { LanguageCode, Reply } from './model.ts';
import { maskPersonalData } from './pii-masking.ts';
import { SEND_LEASE_MS, takeSendLease } from './send-lease.ts';
import type { ComplaintRepository, VersionedComplaint } from './ports/complaint-repository.ts';
import type { EventPublisher } from './ports/events.ts';
import type { PiiProtector } from './ports/pii.ts';
import type { Clock, Log } from './ports/runtime.ts';
import type { SmsSender } from './ports/sms-sender.ts';
import { TranslationRejectedError, type TranslationLanguage, type Translator } from './ports/translator.ts';
import { translationLanguage } from './translation-plan.ts';

/** What a sender may need beyond the text: which complaint, in which language, and any earlier partial send. */
export interface ChannelSendContext {
  complaintId: string;
  /** The language `body` is in (the citizen's, or Korean when it could not be translated). */
  language: LanguageCode;
  /** Ids a previous attempt of this reply already delivered before it was interrupted (multi-part sends). */
  alreadySent?: string[];
}

export interface ChannelSendResult {
  /** Several parts (an X thread) are recorded comma-separated. */
  providerMessageId: string;
  /**
   * Set when the channel declined to publish the text (personal data in a public X reply) and
   * delivered a substitute instead (`providerMessageId` names it): the reason, for the console.
   */
  refused?: string;
}

/** Sends one message on a channel; `to` is the citizen's normalised handle. */
export type ChannelSend = (args: { to: string; body: string; idempotencyKey: string; context?: ChannelSendContext }) => Promise<ChannelSendResult>;

/** A multi-part send stopped after delivering `sentIds`; a retry passes them back as `alreadySent`. */
export class PartiallySentError extends Error {
  override readonly name: string = 'PartiallySentError';
  constructor(
    message: string,
    readonly sentIds: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The channel refused the text for good (X: duplicate content, reply not allowed); `sentIds`
 * are parts delivered before. Recorded as a final refusal: retrying the same reply sends nothing.
 */
export class ChannelRefusedError extends PartiallySentError {
  override readonly name: string = 'ChannelRefusedError';
}

/** How long one call may take to translate and send a reply before another may try (timeouts are 10 s each). */
export const REPLY_SEND_LEASE_MS = SEND_LEASE_MS;

/** `lastError` prefix of a reply the channel refused to publish; such a reply is final. */
export const REFUSED_PREFIX = 'refused: ';

function isFinal(reply: Reply): boolean {
  return reply.delivery === 'sent' || (reply.delivery === 'failed' && (reply.lastError ?? '').startsWith(REFUSED_PREFIX));
}

export interface ReplyDeps {
  repository: ComplaintRepository;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Null when no translation service is configured: the reply goes out in Korean. */
  translator: Translator | null;
  events: EventPublisher;
  /** Channel senders; for 'sms' the SmsSender is used when no entry is given. */
  senders?: Partial<Record<Channel, ChannelSend>>;
  smsSender?: SmsSender;
}

export interface SendReplyInput {
  complaintId: string;
  /** Counselor id; recorded on the reply and as `counselor:<id>` in the status history. */
  counselor: string;
  textKo: string;
  /** Caller-chosen id (the console's request id): repeating a call with it never sends twice once sent. */
  replyId: string;
}

/**
 * Answers a complaint on the channel the citizen used, in their language. The reply is
 * recorded (pending) before anything is sent, so nothing a counselor writes is lost: a
 * failed translation or send leaves it `pending`/`failed` with the error, and calling again
 * with the same replyId retries it. A reply already `sent`, or refused by its channel (its
 * substitute was delivered), is returned as is. Once sent, an open complaint moves to
 * `answered` with the counselor as actor; a refused reply leaves the status alone.
 */
export async function sendReply(deps: ReplyDeps, input: SendReplyInput): Promise<Reply> {
  if (input.textKo.trim() === '') throw new RangeError('a reply needs text');
  const complaint = await deps.repository.getComplaint(input.complaintId);
  if (!complaint) throw new ComplaintNotFoundError(input.complaintId);
  if (complaint.citizen.unverifiable) throw new UnreachableCitizenError(complaint.complaintId);
  const logContext = { complaintId: complaint.complaintId, replyId: input.replyId, channel: complaint.channel };

  let reply = await deps.repository.getReply(complaint.complaintId, input.replyId);
  if (reply && isFinal(reply)) return reply;
  if (!reply) {
    const fresh: Reply = {
      replyId: input.replyId,
      complaintId: complaint.complaintId,
      channel: complaint.channel,
      createdAt: deps.clock.now().toISOString(),
      counselor: input.counselor,
      textKo: input.textKo,
      textSent: '',
      language: complaint.language,
      delivery: 'pending',
    };
    const written = await deps.repository.putReply(fresh);
    reply = written ? fresh : ((await deps.repository.getReply(complaint.complaintId, input.replyId)) ?? fresh);
    if (isFinal(reply)) return reply;
  }

  // One sender at a time: a double click or a client retry while the first call is still sending
  // finds the lease taken and gets the reply as it stands. A process that dies mid-send leaves the
  // lease to expire; the next call then sends again (at least once: providers take no idempotency key).
  const lease = await takeSendLease(deps.clock, {
    claim: (at, until) => deps.repository.claimReplySend(complaint.complaintId, input.replyId, at, until),
    read: () => deps.repository.getReply(complaint.complaintId, input.replyId),
    settled: isFinal,
  });
  if (!lease.held) {
    if (!lease.claimed) deps.log.info('reply send already in progress', logContext);
    return lease.item ?? reply;
  }
  reply = lease.item;

  const update = async (patch: Omit<Partial<Reply>, 'replyId' | 'complaintId'> & Pick<Reply, 'delivery'>): Promise<Reply> => {
    const at = deps.clock.now().toISOString();
    const next: Reply = { ...(reply as Reply), ...patch };
    if (!('lastError' in patch)) delete next.lastError;
    await deps.repository.updateReplyDelivery(complaint.complaintId, input.replyId, {
      delivery: next.delivery,
      textSent: next.textSent,
      language: next.language,
      ...(next.providerMessageId ? { providerMessageId: next.providerMessageId } : {}),
      ...(next.lastError ? { lastError: next.lastError } : {}),
      at,
    });
    return next;
  };

  // Translate once; a retried reply reuses the text already prepared.
  let textSent = reply.textSent;
  let language: LanguageCode = reply.language;
  if (textSent === '') {
    const prepared = await prepareText(deps, complaint, reply.textKo);
    if ('error' in prepared) {
      deps.log.warn('reply not sent: translation failed', { ...logContext, error: prepared.error });
      return update({ delivery: prepared.retryable ? 'pending' : 'failed', lastError: prepared.error });
    }
    textSent = prepared.text;
    language = prepared.language;
  }

  const send = senderFor(deps, complaint.channel);
  if (!send) {
    deps.log.error('reply not sent: no sender for channel', logContext);
    return update({ delivery: 'undeliverable', textSent, language, lastError: `no sender configured for channel ${complaint.channel}` });
  }
  const alreadySent = reply.delivery === 'failed' && reply.providerMessageId ? reply.providerMessageId.split(',') : [];
  let result: ChannelSendResult;
  try {
    const to = deps.pii.open(complaint.citizen.sealed);
    const context: ChannelSendContext = { complaintId: complaint.complaintId, language, ...(alreadySent.length > 0 ? { alreadySent } : {}) };
    result = await send({ to, body: textSent, idempotencyKey: reply.replyId, context });
  } catch (error) {
    // Provider errors often quote the destination number.
    const described = error instanceof ChannelRefusedError ? `${REFUSED_PREFIX}${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
    const lastError = maskPersonalData(described).slice(0, 500);
    deps.log.warn('reply send failed', { ...logContext, error: lastError });
    const partial = error instanceof PartiallySentError && error.sentIds.length > 0 ? { providerMessageId: error.sentIds.join(',') } : {};
    return update({ delivery: 'failed', textSent, language, lastError, ...partial });
  }
  const { providerMessageId } = result;
  if (result.refused !== undefined) {
    deps.log.warn('reply refused by channel; substitute delivered', { ...logContext, language });
    const lastError = `${REFUSED_PREFIX}${maskPersonalData(result.refused)}`.slice(0, 500);
    return update({ delivery: 'failed', textSent, language, providerMessageId, lastError });
  }
  const sent = await update({ delivery: 'sent', textSent, language, providerMessageId });
  deps.log.info('reply sent', { ...logContext, language });

  if (complaint.status === 'received' || complaint.status === 'in_progress') {
    await changeStatus(deps, {
      complaintId: complaint.complaintId,
      to: 'answered',
      actor: `counselor:${input.counselor}`,
      reason: `reply ${reply.replyId} sent`,
    });
  }
  await deps.events.publish([
    { type: 'reply.sent', complaintId: complaint.complaintId, replyId: reply.replyId, channel: complaint.channel, at: deps.clock.now().toISOString() },
  ]);
  return sent;
}

/** The channel's sender: an explicit one, else for SMS the stage's SmsSender (also what status notices send with). */
export function senderFor(deps: Pick<ReplyDeps, 'senders' | 'smsSender'>, channel: Channel): ChannelSend | undefined {
  const explicit = deps.senders?.[channel];
  if (explicit) return explicit;
  if (channel === 'sms' && deps.smsSender) {
    const sms = deps.smsSender;
    return ({ to, body, idempotencyKey }) => sms.send({ to, body, idempotencyKey });
  }
  return undefined;
}

/** Chinese answers go back in the script the citizen wrote (zh-TW for Traditional), told from their latest message. */
async function replyTranslationTarget(deps: ReplyDeps, complaintId: string, target: Exclude<LanguageCode, 'und'>): Promise<TranslationLanguage> {
  if (target !== 'zh') return target;
  const detail = await deps.repository.getComplaintDetail(complaintId);
  const latest = detail?.messages.filter((message) => message.direction === 'inbound' && message.text !== '').at(-1);
  return translationLanguage(target, latest?.text ?? '');
}

type PreparedText = { text: string; language: LanguageCode } | { error: string; retryable: boolean };

async function prepareText(deps: ReplyDeps, complaint: VersionedComplaint, textKo: string): Promise<PreparedText> {
  const target = complaint.language;
  // Korean citizens, and citizens whose language we could not name, get the Korean text.
  if (target === 'ko' || target === 'und') return { text: textKo, language: 'ko' };
  if (deps.translator === null) {
    deps.log.warn('no translation service: reply goes out in Korean', { complaintId: complaint.complaintId, language: target });
    return { text: textKo, language: 'ko' };
  }
  try {
    const { text } = await deps.translator.translate({ text: textKo, source: 'ko', target: await replyTranslationTarget(deps, complaint.complaintId, target) });
    return { text, language: target };
  } catch (error) {
    const message = maskPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : 'translation failed').slice(0, 500);
    return { error: message, retryable: !(error instanceof TranslationRejectedError) };
  }
}
