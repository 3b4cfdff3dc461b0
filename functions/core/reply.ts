import type { Channel } from '../../schemas/inbound-message.ts';
import { changeStatus } from './complaint-lifecycle.ts';
import { ComplaintNotFoundError, ReplyConflictError, ReplyNotFoundError, ReplyStateError, UnreachableCitizenError } from './errors.ts';
import { resolvePolicy, translationRetryDelaySeconds, type IntakePolicy } from './intake-policy.ts';
import type { LanguageCode, Reply } from './model.ts';
import { maskPersonalData } from './pii-masking.ts';
import { SEND_LEASE_MS, takeSendLease } from './send-lease.ts';
import type { ComplaintRepository, VersionedComplaint } from './ports/complaint-repository.ts';
import type { EventPublisher } from './ports/events.ts';
import type { PiiProtector } from './ports/pii.ts';
import type { ReplyRetries, ReplyRetryJob } from './ports/reply-retries.ts';
import type { Clock, Log } from './ports/runtime.ts';
import { SmsRecipientRefusedError, type SmsSender } from './ports/sms-sender.ts';
import type { TranslationLanguage, Translator } from './ports/translator.ts';
import { translationLanguage } from './translation-plan.ts';
import { partsToKeep, sentParts } from './delivery-reports.ts';
import { checkWrittenLanguage, prepareReplyText } from './reply-language.ts';
import { smsChannelSend } from './sms-reply-send.ts';

/** What a sender may need beyond the text: which complaint, in which language, and any earlier partial send. */
export interface ChannelSendContext {
  complaintId: string;
  /** The language `body` is in (the citizen's, or Korean when it could not be translated). */
  language: LanguageCode;
  /**
   * Ids of parts a previous attempt already sent, by position (multi-part sends); '' marks a part
   * to send again (reported undelivered). Parts past the end were never sent.
   */
  alreadySent?: string[];
  /** Which reply this is, for providers that report delivery back to it. */
  replyId?: string;
  /** What the counselor wrote, in its language: what a channel falls back to when `body` cannot be shown. */
  original?: { text: string; language: LanguageCode };
}

export interface ChannelSendResult {
  /** Several parts (an X thread, a long SMS) are recorded comma-separated, in order. */
  providerMessageId: string;
  /** The provider will report delivery: the reply is `queued` until it does. */
  awaitsDeliveryReport?: boolean;
  /** Set when the channel had to send other text than `body` (the handset's characters): what went. */
  sentAs?: { text: string; language: LanguageCode; charsetFallback: NonNullable<Reply['charsetFallback']> };
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

export interface ReplyDeps {
  repository: ComplaintRepository;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Null when no translation service is configured: replies to non-Korean citizens are held. */
  translator: Translator | null;
  events: EventPublisher;
  /** Channel senders; for 'sms' the SmsSender is used when no entry is given. */
  senders?: Partial<Record<Channel, ChannelSend>>;
  smsSender?: SmsSender;
  /** Where a held reply's next translation attempt is queued; without it the counselor retries by hand. */
  retries?: ReplyRetries;
  /** Translation retry delays and budget, shared with inbound messages. */
  policy?: Partial<IntakePolicy>;
}

export interface SendReplyInput {
  complaintId: string;
  /** Counselor id; recorded on the reply and as `counselor:<id>` in the status history. */
  counselor: string;
  /** The text as the counselor wrote it (Korean unless `language` says otherwise). */
  textKo: string;
  /** Caller-chosen id (the console's request id): repeating a call with it never sends twice once sent. */
  replyId: string;
  /** Language the counselor wrote in: Korean (default, translated) or the citizen's own. */
  language?: LanguageCode;
  /** The counselor confirms the Korean text may go out untranslated to a citizen who does not read Korean. */
  sendUntranslated?: boolean;
}

const HANDED_OFF: ReadonlySet<Reply['delivery']> = new Set(['queued', 'sent', 'delivered', 'delivered_otherwise']);
/** States a provider's reports can give a reply it accepted; sending again is the counselor's retry. */
const REPORTED_NOT_DELIVERED: ReadonlySet<Reply['delivery']> = new Set(['undelivered', 'opted_out']);

/** True once nothing more will be sent for the reply without a counselor's new decision. */
function isFinal(reply: Reply): boolean {
  return HANDED_OFF.has(reply.delivery) || (reply.delivery === 'failed' && (reply.lastError ?? '').startsWith(REFUSED_PREFIX));
}

/** Handed to the channel or its provider (the API answers 201 for these). */
export function isReplyHandedOff(reply: Reply): boolean {
  return HANDED_OFF.has(reply.delivery);
}

/**
 * Settled for a caller that would otherwise retry the send itself (the agent-workspace stream):
 * handed off, refused, undeliverable, opted out (sending again meets the same refusal), or held
 * for translation (its retries are queued on their own).
 */
export function isReplySettled(reply: Reply): boolean {
  return isFinal(reply) || reply.delivery === 'undeliverable' || reply.delivery === 'opted_out' || reply.delivery === 'awaiting_translation';
}

/**
 * Answers a complaint on the channel the citizen used, in their language. The reply is
 * recorded (pending) before anything is sent, so nothing a counselor writes is lost: a
 * failed send leaves it `failed` with the error, and calling again with the same replyId
 * retries it. A reply to a citizen who does not read Korean is never sent untranslated unless
 * the counselor wrote it in their language or confirmed Korean (`sendUntranslated`): without a
 * translation it is held as `awaiting_translation` and its translation retried from the queue.
 * A reply already `sent`, or refused by its channel (its substitute was delivered), is
 * returned as is; the same id with other text is refused (ReplyConflictError) rather than
 * answered with the old reply. Once sent, an open complaint moves to `answered` with the
 * counselor as actor; a refused reply leaves the status alone.
 */
export async function sendReply(deps: ReplyDeps, input: SendReplyInput): Promise<Reply> {
  if (input.textKo.trim() === '') throw new RangeError('a reply needs text');
  const complaint = await deps.repository.getComplaint(input.complaintId);
  if (!complaint) throw new ComplaintNotFoundError(input.complaintId);
  if (complaint.citizen.unverifiable) throw new UnreachableCitizenError(complaint.complaintId);
  const writtenIn = input.language ?? 'ko';
  checkWrittenLanguage(complaint.language, writtenIn);
  // The id is the idempotency key of one text: reusing it for another text must not look like success.
  const conflicts = (reply: Reply) => reply.textKo !== input.textKo || (reply.writtenIn ?? 'ko') !== writtenIn;

  let reply = await deps.repository.getReply(complaint.complaintId, input.replyId);
  if (reply && conflicts(reply)) throw new ReplyConflictError(input.replyId);
  if (reply && isFinal(reply)) return reply;
  if (!reply) {
    const fresh: Reply = {
      replyId: input.replyId,
      complaintId: complaint.complaintId,
      channel: complaint.channel,
      createdAt: deps.clock.now().toISOString(),
      counselor: input.counselor,
      textKo: input.textKo,
      ...(writtenIn !== 'ko' ? { writtenIn } : {}),
      textSent: '',
      language: complaint.language,
      delivery: 'pending',
    };
    const written = await deps.repository.putReply(fresh);
    reply = written ? fresh : ((await deps.repository.getReply(complaint.complaintId, input.replyId)) ?? fresh);
    if (conflicts(reply)) throw new ReplyConflictError(input.replyId);
    if (isFinal(reply)) return reply;
  }
  return deliver(deps, complaint, reply, { counselor: input.counselor, sendUntranslated: input.sendUntranslated === true, attempt: 0 });
}

/**
 * One queued translation attempt of a held reply (a `reply` envelope): translates and sends it
 * when a translation service answers, queues the next attempt otherwise, until the budget is
 * spent; the reply then stays held for the counselor. A duplicate or stale job does nothing.
 */
export async function retryHeldReply(deps: ReplyDeps, job: ReplyRetryJob): Promise<Reply | null> {
  const complaint = await deps.repository.getComplaint(job.complaintId);
  const reply = complaint ? await deps.repository.getReply(job.complaintId, job.replyId) : null;
  if (!complaint || !reply) {
    deps.log.warn('held reply retry for a reply that does not exist', { ...job });
    return null;
  }
  if (reply.delivery !== 'awaiting_translation' || job.attempt <= (reply.translationAttempts ?? 0)) return reply;
  return deliver(deps, complaint, reply, { counselor: reply.counselor, sendUntranslated: false, attempt: job.attempt });
}

interface DeliverOptions {
  counselor: string;
  sendUntranslated: boolean;
  /** 0 for a counselor's call, n for the n-th queued translation attempt. */
  attempt: number;
}

async function deliver(deps: ReplyDeps, complaint: VersionedComplaint, initial: Reply, options: DeliverOptions): Promise<Reply> {
  const replyId = initial.replyId;
  const logContext = { complaintId: complaint.complaintId, replyId, channel: complaint.channel };
  // One sender at a time: a double click or a client retry while the first call is still sending
  // finds the lease taken and gets the reply as it stands. A process that dies mid-send leaves the
  // lease to expire; the next call then sends again (at least once: providers take no idempotency key).
  // An undelivered reply (its reports say so) is sent again: the counselor's retry.
  const redeliver = REPORTED_NOT_DELIVERED.has(initial.delivery);
  const lease = await takeSendLease(deps.clock, {
    claim: (at, until) => deps.repository.claimReplySend(complaint.complaintId, replyId, at, until, { redeliver }),
    read: () => deps.repository.getReply(complaint.complaintId, replyId),
    settled: isFinal,
  });
  if (!lease.held) {
    if (!lease.claimed) deps.log.info('reply send already in progress', logContext);
    return lease.item ?? initial;
  }
  let reply: Reply = lease.item;

  const update = async (patch: Omit<Partial<Reply>, 'replyId' | 'complaintId'> & Pick<Reply, 'delivery'>): Promise<Reply> => {
    const at = deps.clock.now().toISOString();
    const next: Reply = { ...reply, ...patch };
    if (!('lastError' in patch)) delete next.lastError;
    await deps.repository.updateReplyDelivery(complaint.complaintId, replyId, {
      delivery: next.delivery,
      textSent: next.textSent,
      language: next.language,
      ...(next.translation ? { translation: next.translation } : {}),
      ...(next.translationAttempts !== undefined ? { translationAttempts: next.translationAttempts } : {}),
      ...(next.charsetFallback ? { charsetFallback: next.charsetFallback } : {}),
      ...(next.providerMessageId ? { providerMessageId: next.providerMessageId } : {}),
      ...(next.lastError ? { lastError: next.lastError } : {}),
      at,
    });
    return next;
  };
  // A queued attempt that finds the reply no longer held (confirmed or sent meanwhile) leaves it be.
  if (options.attempt > 0 && reply.delivery !== 'awaiting_translation') return update({ delivery: reply.delivery, ...(reply.lastError ? { lastError: reply.lastError } : {}) });

  // Translate once; a retried reply reuses the text already prepared.
  if (reply.textSent === '') {
    const target = await replyTranslationTarget(deps, complaint.complaintId, complaint.language);
    const prepared = await prepareReplyText(deps, complaint.language, reply, { sendUntranslated: options.sendUntranslated, ...(target ? { target } : {}) });
    if (prepared.kind === 'held') return hold(deps, reply, prepared.reason, options.attempt, update, logContext);
    if (prepared.kind === 'refused') {
      deps.log.warn('reply not sent: translation refused', { ...logContext, error: prepared.reason });
      return update({ delivery: 'failed', lastError: `translation refused (${prepared.reason}): write the reply in ${complaint.language} or confirm sending Korean` });
    }
    reply = { ...reply, textSent: prepared.text, language: prepared.language, translation: prepared.translation };
  }
  const { textSent, language } = reply;

  const send = senderFor(deps, complaint.channel);
  if (!send) {
    deps.log.error('reply not sent: no sender for channel', logContext);
    return update({ delivery: 'undeliverable', lastError: `no sender configured for channel ${complaint.channel}` });
  }
  const alreadySent = REPORTED_NOT_DELIVERED.has(reply.delivery) ? partsToKeep(reply) : reply.delivery === 'failed' ? sentParts(reply) : [];
  let result: ChannelSendResult;
  try {
    const to = deps.pii.open(complaint.citizen.sealed);
    const context: ChannelSendContext = {
      complaintId: complaint.complaintId,
      replyId,
      language,
      original: { text: reply.textKo, language: reply.writtenIn ?? 'ko' },
      ...(alreadySent.length > 0 ? { alreadySent } : {}),
    };
    // A redelivery gets a key of its own (the local outbox dedupes on it), the same on a crash retry.
    const idempotencyKey = REPORTED_NOT_DELIVERED.has(reply.delivery) && reply.providerMessageId ? `${replyId}:after:${sentParts(reply).join('+')}` : replyId;
    result = await send({ to, body: textSent, idempotencyKey, context });
  } catch (error) {
    if (error instanceof SmsRecipientRefusedError) return refusedRecipient(deps, update, error, logContext);
    // Provider errors often quote the destination number.
    const described = error instanceof ChannelRefusedError ? `${REFUSED_PREFIX}${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
    const lastError = maskPersonalData(described).slice(0, 500);
    deps.log.warn('reply send failed', { ...logContext, error: lastError });
    const partial = error instanceof PartiallySentError && error.sentIds.length > 0 ? { providerMessageId: error.sentIds.join(',') } : {};
    return update({ delivery: 'failed', lastError, ...partial });
  }
  const { providerMessageId } = result;
  if (result.refused !== undefined) {
    deps.log.warn('reply refused by channel; substitute delivered', { ...logContext, language });
    const lastError = `${REFUSED_PREFIX}${maskPersonalData(result.refused)}`.slice(0, 500);
    return update({ delivery: 'failed', providerMessageId, lastError });
  }
  const sentAs = result.sentAs ? { textSent: result.sentAs.text, language: result.sentAs.language, charsetFallback: result.sentAs.charsetFallback } : {};
  if (result.sentAs) deps.log.warn('reply adapted to what the handset can show', { ...logContext, charsetFallback: result.sentAs.charsetFallback });
  const sent = await update({ delivery: result.awaitsDeliveryReport ? 'queued' : 'sent', providerMessageId, ...sentAs });
  deps.log.info('reply sent', { ...logContext, language, translation: reply.translation, delivery: sent.delivery });

  if (complaint.status === 'received' || complaint.status === 'in_progress') {
    await changeStatus(deps, {
      complaintId: complaint.complaintId,
      to: 'answered',
      actor: `counselor:${options.counselor}`,
      reason: `reply ${replyId} sent`,
    });
  }
  await deps.events.publish([
    { type: 'reply.sent', complaintId: complaint.complaintId, replyId, channel: complaint.channel, at: deps.clock.now().toISOString() },
  ]);
  return sent;
}

/**
 * Holds a reply that has no translation yet and queues its next attempt with the inbound
 * translation backoff; once the budget is spent it stays held for the counselor to decide.
 */
async function hold(
  deps: ReplyDeps,
  reply: Reply,
  reason: string,
  attempt: number,
  update: (patch: Omit<Partial<Reply>, 'replyId' | 'complaintId'> & Pick<Reply, 'delivery'>) => Promise<Reply>,
  logContext: Record<string, string>,
): Promise<Reply> {
  const policy = resolvePolicy(deps.policy);
  const attempts = Math.max(attempt, reply.translationAttempts ?? 0);
  const held = { delivery: 'awaiting_translation', translation: 'awaiting', translationAttempts: attempts } as const;
  const decide = 'send it in Korean (sendUntranslated) or write it in the citizen\'s language';
  if (!deps.retries || attempts >= policy.translationMaxAttempts) {
    deps.log.warn('reply held for translation; no further automatic attempt', { ...logContext, attempts, error: reason });
    const why = deps.retries ? `gave up after ${attempts} translation attempts` : 'no automatic retry here';
    return update({ ...held, lastError: `${reason}; ${why}: retry later, or ${decide}` });
  }
  const retryInSeconds = translationRetryDelaySeconds(attempts + 1, policy);
  try {
    // Queued before it is recorded: a lost record only repeats an attempt, a lost job would end the retries.
    await deps.retries.schedule({ complaintId: reply.complaintId, replyId: reply.replyId, attempt: attempts + 1 }, retryInSeconds);
  } catch (error) {
    if (attempt > 0) throw error;
    deps.log.error('reply held, but its translation retry could not be queued', { ...logContext, errorName: error instanceof Error ? error.name : 'unknown' });
    return update({ ...held, lastError: `${reason}; the automatic retry could not be queued: retry later, or ${decide}` });
  }
  deps.log.warn('reply held for translation; retry queued', { ...logContext, attempts, retryInSeconds, error: reason });
  return update({ ...held, lastError: `${reason}; translation retried automatically (next in ${retryInSeconds} s), or ${decide}` });
}

/**
 * A recipient the provider refuses for a known reason is a state of the citizen, not a failure
 * of ours: opted out (they replied STOP) or not a mobile number. Recorded with the provider's code;
 * sending again would only be refused again, so the console offers another way.
 */
function refusedRecipient(
  deps: ReplyDeps,
  update: (patch: Omit<Partial<Reply>, 'replyId' | 'complaintId'> & Pick<Reply, 'delivery'>) => Promise<Reply>,
  error: SmsRecipientRefusedError,
  logContext: Record<string, string>,
): Promise<Reply> {
  deps.log.warn('reply refused for its recipient', { ...logContext, reason: error.reason, provider: error.provider, code: error.code });
  if (error.reason === 'opted_out') {
    return update({ delivery: 'opted_out', lastError: `opted out: the citizen asked for no more SMS from this number (${error.provider} ${error.code}); they can text START, or reach them another way` });
  }
  return update({ delivery: 'undeliverable', lastError: `not a mobile number: SMS cannot reach it (${error.provider} ${error.code}); reach the citizen another way` });
}

/** The channel's sender: an explicit one, else for SMS the stage's SmsSender (also what status notices send with). */
export function senderFor(deps: Pick<ReplyDeps, 'senders' | 'smsSender'>, channel: Channel): ChannelSend | undefined {
  const explicit = deps.senders?.[channel];
  if (explicit) return explicit;
  if (channel === 'sms' && deps.smsSender) return smsChannelSend(deps.smsSender);
  return undefined;
}

const NOT_DELIVERED: ReadonlySet<Reply['delivery']> = new Set(['undelivered', 'opted_out', 'failed', 'undeliverable']);

/**
 * Records that the counselor reached the citizen another way (a call, a letter) after the reply
 * could not be delivered: the reply becomes `delivered_otherwise` with their note, and is final.
 * Taken under the send lease, so it never races a retry of the same reply.
 */
export async function recordDeliveredOtherwise(
  deps: Pick<ReplyDeps, 'repository' | 'clock' | 'log'>,
  input: { complaintId: string; replyId: string; counselor: string; note: string },
): Promise<Reply> {
  const reply = await deps.repository.getReply(input.complaintId, input.replyId);
  if (!reply) throw new ReplyNotFoundError(input.replyId);
  if (reply.delivery === 'delivered_otherwise') return reply;
  if (!NOT_DELIVERED.has(reply.delivery)) throw new ReplyStateError(`reply ${input.replyId} is ${reply.delivery}; only a reply that was not delivered can be marked delivered another way`);
  const now = deps.clock.now();
  const claimed = await deps.repository.claimReplySend(input.complaintId, input.replyId, now.toISOString(), new Date(now.getTime() + REPLY_SEND_LEASE_MS).toISOString(), {
    redeliver: REPORTED_NOT_DELIVERED.has(reply.delivery),
  });
  if (!claimed) throw new ReplyStateError(`reply ${input.replyId} is being sent right now; try again in a moment`);
  const deliveredOtherwise = { counselor: input.counselor, note: input.note, at: now.toISOString() };
  await deps.repository.updateReplyDelivery(input.complaintId, input.replyId, {
    delivery: 'delivered_otherwise',
    deliveredOtherwise,
    ...(reply.lastError ? { lastError: reply.lastError } : {}),
    at: now.toISOString(),
  });
  deps.log.info('reply delivered another way', { complaintId: input.complaintId, replyId: input.replyId });
  return { ...reply, delivery: 'delivered_otherwise', deliveredOtherwise };
}

/** Chinese answers go back in the script the citizen wrote (zh-TW for Traditional), told from their latest message. */
async function replyTranslationTarget(deps: ReplyDeps, complaintId: string, target: LanguageCode): Promise<TranslationLanguage | undefined> {
  if (target !== 'zh') return undefined;
  const detail = await deps.repository.getComplaintDetail(complaintId);
  const latest = detail?.messages.filter((message) => message.direction === 'inbound' && message.text !== '').at(-1);
  return translationLanguage(target, latest?.text ?? '');
}
