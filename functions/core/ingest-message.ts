import { PROMISED_TEXT_LENGTH } from '../../schemas/constants.ts';
import type { InboundMessage, Provider } from '../../schemas/inbound-message.ts';
import { changeStatus } from './complaint-lifecycle.ts';
import { complaintIdFor, messageIdFor, statusEventIdFor } from './ids.ts';
import { resolvePolicy, translationRetryDelaySeconds, type IntakePolicy } from './intake-policy.ts';
import { initialDeadline } from './deadlines/initial-deadline.ts';
import { suggestForComplaint, type ComplaintSuggestionDeps } from './knowledge/complaint-suggestions.ts';
import { selfServiceRefFromText } from './self-service/contact-tag.ts';
import { toUtcIso } from './kst.ts';
import { detectLanguage, resolveLanguage } from './language.ts';
import { collectMedia } from './media-intake.ts';
import { THREADABLE_STATUSES, type LanguageCode, type Message, type ProtectedHandle, type Translation, type TranslationStatus } from './model.ts';
import type { ComplaintRepository, MessageClaim, OpenComplaintPointer, VersionedComplaint } from './ports/complaint-repository.ts';
import type { DomainEvent, EventPublisher } from './ports/events.ts';
import type { IntakeQueue } from './ports/intake-queue.ts';
import type { MediaFetcher, MediaStore } from './ports/media.ts';
import type { PiiProtector } from './ports/pii.ts';
import type { Clock, Log } from './ports/runtime.ts';
import { TranslationRejectedError, TranslationRetryableError, type Translator } from './ports/translator.ts';
import { protectHandle } from './protect-handle.ts';
import { serviceReportFields } from './open311/protect-report.ts';
import { receiptNoFor } from './receipt.ts';
import { threadKeyFor } from './thread-key.ts';
import { describeTranslationError, planTranslation } from './translation-plan.ts';

export interface IngestDeps {
  repository: ComplaintRepository;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Null when no translation service is configured: translations are recorded `unavailable`. */
  translator: Translator | null;
  intakeQueue: IntakeQueue;
  mediaFetcher: MediaFetcher;
  /** A provider's own media fetcher (Open311's allow-list); mediaFetcher for the others. */
  mediaFetchers?: Partial<Record<Provider, MediaFetcher>>;
  mediaStore: MediaStore;
  events: EventPublisher;
  policy?: Partial<IntakePolicy>;
  /** Knowledge cases for new complaints (absent: none are suggested). */
  suggestions?: Pick<ComplaintSuggestionDeps, 'suggest' | 'store'>;
  /** Counts a self-service visit a contact followed (absent: not counted). Never throws. */
  selfServiceContacts?: { recordContact(visitId: string, at: string): Promise<void> };
}

export interface IngestOptions {
  /**
   * True on the last delivery before the dead-letter queue (SQS ApproximateReceiveCount
   * = maxReceiveCount): transient media failures then become refusals so the text is stored.
   */
  lastAttempt?: boolean;
}

export interface IngestOutcome {
  /** `duplicate` when this message had already been stored by an earlier delivery. */
  status: 'stored' | 'duplicate';
  complaintId: string;
  /** The complaint's receipt number (its first message's). */
  receiptNo: string;
  messageId: string;
  newComplaint: boolean;
  translation: TranslationStatus;
}

/** Rounds of pointer contention (concurrent first messages) before giving up to a redelivery. */
const MAX_CLAIM_ROUNDS = 4;

/**
 * How long after its message item was written a delivery is presumed to be still finishing the
 * intake (events, completion). Shorter than the AWS intake queue's visibility timeout (six times
 * the pipeline's timeout), so a redelivery after a crash takes over; where redeliveries come
 * faster (the local queue), the last one before the dead-letter queue takes over.
 */
export const FINISHING_GRACE_MS = 20_000;

/**
 * Another delivery of this message stored it moments ago and is announcing it. Thrown instead of
 * announcing it twice; the queue redelivers this one later, when it is a duplicate (or, if that
 * delivery died, when it takes over).
 */
export class DeliveryInProgressError extends Error {
  override readonly name = 'DeliveryInProgressError';
}

/**
 * Stores one inbound contact exactly once. Write order (each write conditional and
 * idempotent, each step safe to repeat after a crash before or after it):
 *   1. open-complaint pointer (only when founding a complaint): the per-citizen lock;
 *   2. message claim: fixes the complaint for this message for good;
 *   3. complaint, its creation event, its receipt alias (founding only, or when missing);
 *   4. this message's receipt alias;
 *   -- media fetched and stored, translation attempted: failures before here retry cleanly --
 *   5. message item: the delivery whose conditional write wins is the one that announces it;
 *   6. complaint activity (joining messages), deferred translation enqueued, events published;
 *   7. claim marked completed: later deliveries are reported as duplicates and do nothing.
 * A delivery that finds the message already written (a concurrent duplicate, or a redelivery after
 * a crash between 5 and 7) announces it only once the writer has had FINISHING_GRACE_MS to do so
 * itself (or on its last delivery); before that it throws DeliveryInProgressError and is retried.
 */
export async function ingestMessage(deps: IngestDeps, message: InboundMessage, options: IngestOptions = {}): Promise<IngestOutcome> {
  const policy = resolvePolicy(deps.policy);
  const messageId = messageIdFor(message);
  const logContext = { messageId, channel: message.channel, provider: message.provider };

  const existingClaim = await deps.repository.getMessageClaim(messageId);
  if (existingClaim?.completedAt) {
    const stored = await deps.repository.getMessage(existingClaim.complaintId, messageId);
    deps.log.info('duplicate delivery ignored', { ...logContext, complaintId: existingClaim.complaintId });
    return outcome('duplicate', existingClaim, messageId, stored?.translation.status ?? 'pending');
  }

  const language = resolveLanguage(detectLanguage(message.text), message.languageHint);
  const receivedAt = toUtcIso(message.receivedAt);
  const settled = existingClaim
    ? { claim: existingClaim, fresh: false }
    : await claimMessage(deps, policy, message, { messageId, language, receivedAt });
  const { claim } = settled;
  const complaintId = claim.complaintId;

  if (claim.complaint) await ensureComplaintCreated(deps, claim.complaint, logContext);
  if (claim.messageReceiptNo !== claim.complaintReceiptNo) {
    await putAlias(deps, claim.messageReceiptNo, complaintId, logContext);
  }

  // A fresh claim means no earlier attempt got this far, so the message cannot exist yet.
  let stored = settled.fresh ? null : await deps.repository.getMessage(complaintId, messageId);
  let wroteMessage = false;
  const selfService = message.selfService ?? selfServiceRefFromText(message.text);
  if (!stored) {
    const media = await collectMedia(deps, message.media, { complaintId, messageId, provider: message.provider }, options.lastAttempt ?? false);
    const translation = await translateOnIntake(deps, message.text, language, logContext);
    const item: Message = {
      messageId,
      complaintId,
      direction: 'inbound',
      channel: message.channel,
      provider: message.provider,
      providerMessageId: message.providerMessageId,
      receivedAt,
      text: message.text,
      overLength: [...message.text].length > PROMISED_TEXT_LENGTH,
      language,
      translation,
      attachments: media.attachments,
      refusedAttachments: media.refused,
      storedAt: deps.clock.now().toISOString(),
      ...(selfService ? { selfServiceCaseId: selfService.caseId } : {}),
    };
    wroteMessage = await deps.repository.putMessage(item);
    stored = wroteMessage ? item : ((await deps.repository.getMessage(complaintId, messageId)) ?? item);
    // A statistic, counted with the write that stored the contact (a redelivery finds the message and skips it).
    if (wroteMessage && selfService?.visitId) await deps.selfServiceContacts?.recordContact(selfService.visitId, receivedAt);
  }
  if (!wroteMessage) {
    const finished = await finishedElsewhere(deps, messageId, stored, options.lastAttempt ?? false);
    if (finished) {
      deps.log.info('duplicate delivery ignored', { ...logContext, complaintId });
      return outcome('duplicate', finished, messageId, stored.translation.status);
    }
  }

  if (!claim.newComplaint) {
    await deps.repository.recordMessageActivity(complaintId, receivedAt);
    await reopenIfAnswered(deps, complaintId);
  }
  if (stored.translation.status === 'pending') {
    await deps.intakeQueue.send([{ kind: 'translate', complaintId, messageId, attempt: 1 }], {
      delaySeconds: translationRetryDelaySeconds(1, policy),
    });
  }
  // Before the events: the agent workspace reads them off the complaint when it starts the contact.
  if (deps.suggestions && claim.newComplaint) await suggestForComplaint({ ...deps.suggestions, clock: deps.clock, log: deps.log }, complaintId, stored);
  const now = deps.clock.now().toISOString();
  const events: DomainEvent[] = [];
  if (claim.newComplaint && claim.complaint) {
    const c = claim.complaint;
    events.push({ type: 'complaint.created', complaintId, receiptNo: c.receiptNo, channel: c.channel, language: c.language, at: now });
  }
  events.push({ type: 'message.stored', complaintId, messageId, channel: message.channel, at: now });
  await deps.events.publish(events);
  await deps.repository.markMessageClaimCompleted(messageId, now);

  deps.log.info('message stored', {
    ...logContext,
    complaintId,
    newComplaint: claim.newComplaint,
    language: stored.language,
    translation: stored.translation.status,
    overLength: stored.overLength,
    attachments: stored.attachments.length,
    refusedAttachments: stored.refusedAttachments.length,
    resumed: !settled.fresh,
  });
  return outcome(wroteMessage ? 'stored' : 'duplicate', claim, messageId, stored.translation.status);
}

/**
 * The message was already written by another delivery. Returns the completed claim when that
 * delivery has finished; throws while it may still be finishing; returns null when it has had
 * its time and did not finish (it died), so this delivery finishes for it. The last delivery
 * before the dead-letter queue always finishes: announcing twice beats never announcing.
 */
async function finishedElsewhere(deps: IngestDeps, messageId: string, stored: Message, lastAttempt: boolean): Promise<MessageClaim | null> {
  const claim = await deps.repository.getMessageClaim(messageId);
  if (claim?.completedAt) return claim;
  const storedAt = stored.storedAt ? Date.parse(stored.storedAt) : Number.NEGATIVE_INFINITY;
  if (!lastAttempt && deps.clock.now().getTime() - storedAt < FINISHING_GRACE_MS) {
    throw new DeliveryInProgressError(`message ${messageId} is being finished by another delivery; will be redelivered`);
  }
  return null;
}

function outcome(status: IngestOutcome['status'], claim: MessageClaim, messageId: string, translation: TranslationStatus): IngestOutcome {
  return {
    status,
    complaintId: claim.complaintId,
    receiptNo: claim.complaintReceiptNo,
    messageId,
    newComplaint: claim.newComplaint,
    translation,
  };
}

interface MessageFacts {
  messageId: string;
  language: LanguageCode;
  receivedAt: string;
}

/**
 * Decides which complaint the message belongs to and records that decision (the claim).
 * Joins the citizen's open complaint on this channel (on X: in this conversation, see
 * thread-key.ts); otherwise founds one, taking the pointer first so that of two concurrent
 * first messages exactly one founds and the other joins. Before the claim exists nothing is final: a crash here simply redoes the decision.
 */
async function claimMessage(
  deps: IngestDeps,
  policy: IntakePolicy,
  message: InboundMessage,
  facts: MessageFacts,
): Promise<{ claim: MessageClaim; fresh: boolean }> {
  const citizen = protectHandle(deps.pii, message.citizenHandleKind, message.citizenHandle);
  const messageReceiptNo = receiptNoFor(message);
  for (let round = 0; round < MAX_CLAIM_ROUNDS; round += 1) {
    const decision = await decideComplaint(deps, policy, message, facts, citizen, messageReceiptNo);
    if (!decision) continue;
    const claim: MessageClaim = {
      messageId: facts.messageId,
      complaintId: decision.complaint.complaintId,
      complaintReceiptNo: decision.complaint.receiptNo,
      messageReceiptNo,
      newComplaint: decision.newComplaint,
      ...(decision.mayBeMissing ? { complaint: decision.complaint } : {}),
      claimedAt: deps.clock.now().toISOString(),
    };
    if (await deps.repository.putMessageClaim(claim)) return { claim, fresh: true };
    // A concurrent delivery of the same message claimed it first: its decision stands.
    const winner = await deps.repository.getMessageClaim(facts.messageId);
    if (winner) return { claim: winner, fresh: false };
  }
  throw new Error(`message ${facts.messageId}: complaint pointer kept changing; will be redelivered`);
}

interface Decision {
  complaint: VersionedComplaint;
  newComplaint: boolean;
  /** The complaint item may not exist yet: the claim carries it so it gets created. */
  mayBeMissing: boolean;
}

/** The citizen wrote again after the answer: back to the counselor queue, with the reason on record. */
async function reopenIfAnswered(deps: IngestDeps, complaintId: string): Promise<void> {
  const complaint = await deps.repository.getComplaint(complaintId);
  if (complaint?.status !== 'answered') return;
  await changeStatus(
    { repository: deps.repository, clock: deps.clock, events: deps.events },
    { complaintId, to: 'in_progress', actor: 'citizen', reason: 'the citizen wrote again after the answer' },
  );
}

async function decideComplaint(
  deps: IngestDeps,
  policy: IntakePolicy,
  message: InboundMessage,
  facts: MessageFacts,
  citizen: ProtectedHandle,
  messageReceiptNo: string,
): Promise<Decision | null> {
  const threadKey = threadKeyFor(message, citizen.hash);
  const pointer = await deps.repository.getOpenPointer(message.channel, threadKey);
  if (pointer?.foundingMessageId === facts.messageId) {
    // An earlier attempt of this very message took the pointer, then stopped before claiming.
    return { complaint: pointer.complaint, newComplaint: true, mayBeMissing: true };
  }
  if (pointer) {
    const current = await deps.repository.getComplaint(pointer.complaintId);
    if (!current) return { complaint: pointer.complaint, newComplaint: false, mayBeMissing: true };
    if (THREADABLE_STATUSES.includes(current.status)) return { complaint: current, newComplaint: false, mayBeMissing: false };
  }
  const founded: VersionedComplaint = {
    complaintId: complaintIdFor(facts.messageId),
    receiptNo: messageReceiptNo,
    channel: message.channel,
    citizen,
    language: facts.language,
    status: 'received',
    createdAt: facts.receivedAt,
    updatedAt: facts.receivedAt,
    lastMessageAt: facts.receivedAt,
    ...initialDeadline(facts.receivedAt, policy.calendar),
    confidential: false,
    ...(message.conversationRef ? { conversationRef: message.conversationRef } : {}),
    ...(message.report ? serviceReportFields(deps.pii, message.report, facts.messageId) : {}),
    statusVersion: 1,
  };
  const next: OpenComplaintPointer = {
    channel: message.channel,
    citizenHash: threadKey,
    complaintId: founded.complaintId,
    foundingMessageId: facts.messageId,
    complaint: founded,
  };
  // The pointer names a closed/answered complaint (stale) or none: take it over conditionally.
  if (await deps.repository.putOpenPointer(next, pointer?.complaintId ?? null)) {
    return { complaint: founded, newComplaint: true, mayBeMissing: true };
  }
  return null;
}

/** Complaint, creation event, receipt alias: each conditional, so repeating them is harmless. */
async function ensureComplaintCreated(deps: IngestDeps, complaint: VersionedComplaint, logContext: Record<string, unknown>): Promise<void> {
  await deps.repository.createComplaint(complaint);
  await deps.repository.putStatusEvent({
    complaintId: complaint.complaintId,
    eventId: statusEventIdFor(1),
    version: 1,
    at: complaint.createdAt,
    actor: 'system',
    from: null,
    to: 'received',
    reason: `first contact on ${complaint.channel}`,
  });
  await putAlias(deps, complaint.receiptNo, complaint.complaintId, logContext);
}

async function putAlias(deps: IngestDeps, receiptNo: string, complaintId: string, logContext: Record<string, unknown>): Promise<void> {
  const owner = await deps.repository.putReceiptAlias(receiptNo, complaintId);
  if (owner !== complaintId) {
    // 50-bit hash collision within one day: the number keeps resolving to its first owner.
    deps.log.error('receipt number already taken by another complaint', { ...logContext, receiptNo, complaintId, owner });
  }
}

async function translateOnIntake(
  deps: IngestDeps,
  text: string,
  language: LanguageCode,
  logContext: Record<string, unknown>,
): Promise<Translation> {
  const updatedAt = deps.clock.now().toISOString();
  const plan = planTranslation(text, language, deps.translator);
  if (plan.kind === 'settled' || deps.translator === null) {
    const status = plan.kind === 'settled' ? plan.status : 'unavailable';
    const reason = plan.kind === 'settled' ? plan.reason : undefined;
    return { status, attempts: 0, updatedAt, ...(reason ? { lastError: reason } : {}) };
  }
  const provider = deps.translator.name;
  try {
    const result = await deps.translator.translate({ text, source: plan.source, target: 'ko' });
    return { status: 'done', text: result.text, provider, attempts: 1, updatedAt };
  } catch (error) {
    const lastError = describeTranslationError(error);
    if (error instanceof TranslationRejectedError) {
      deps.log.warn('translation rejected', { ...logContext, provider, error: lastError });
      return { status: 'failed', provider, attempts: 1, lastError, updatedAt };
    }
    // Throttling, outages and anything unclassified: intake never waits on translation.
    deps.log.warn('translation deferred', { ...logContext, provider, error: lastError, retryable: error instanceof TranslationRetryableError });
    return { status: 'pending', provider, attempts: 1, lastError, updatedAt };
  }
}

