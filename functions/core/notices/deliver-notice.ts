import { OPEN_STATUSES } from '../model.ts';
import { maskPersonalData } from '../pii-masking.ts';
import { SmsRecipientRefusedError } from '../ports/sms-sender.ts';
import { PartiallySentError } from '../reply.ts';
import { takeSendLease } from '../send-lease.ts';
import type { NoticeDeps } from './deps.ts';
import { MAX_NOTICE_ATTEMPTS, isNoticeSettled, type Notice, type NoticeSkipReason } from './model.ts';
import type { NoticeOutcome } from './ports.ts';

/**
 * Sends one notice if it is due and nobody else is sending it: under the send lease (the same
 * rule as replies), checked once more against what changed since it was planned (opted out,
 * superseded by a later change), then handed to its route's sender and settled. A failure is
 * retried by the sweeper up to MAX_NOTICE_ATTEMPTS. Returns the notice as it now stands.
 */
export async function deliverNotice(deps: NoticeDeps, noticeId: string): Promise<Notice | null> {
  return (await attemptNotice(deps, noticeId)).notice;
}

/** As deliverNotice, also telling whether this call made the attempt (the sweeper counts what it sent). */
export async function attemptNotice(deps: NoticeDeps, noticeId: string): Promise<{ notice: Notice | null; attempted: boolean }> {
  const stored = await deps.outbox.get(noticeId);
  if (!stored) return { notice: null, attempted: false };
  if (isNoticeSettled(stored)) {
    await deps.outbox.unschedule(stored);
    return { notice: stored, attempted: false };
  }
  if (Date.parse(stored.notBefore) > deps.clock.now().getTime()) return { notice: stored, attempted: false };

  const lease = await takeSendLease<Notice>(deps.clock, {
    claim: (at, until) => deps.outbox.claimSend(noticeId, at, until),
    read: () => deps.outbox.get(noticeId),
    settled: isNoticeSettled,
  });
  if (!lease.held) {
    if (!lease.claimed) deps.log.info('notice send already in progress', { noticeId });
    return { notice: lease.item, attempted: false };
  }
  return { notice: await attempt(deps, lease.item), attempted: true };
}

async function attempt(deps: NoticeDeps, notice: Notice): Promise<Notice> {
  const { noticeId } = notice;
  const logContext = { noticeId, kind: notice.kind, route: notice.route, ...(notice.complaintId ? { complaintId: notice.complaintId } : {}) };

  const skip = await reasonToSkip(deps, notice);
  if (skip) {
    deps.log.info('notice not sent', { ...logContext, reason: skip });
    return settle(deps, notice, { state: 'skipped', attempts: notice.attempts, at: deps.clock.now().toISOString(), skipReason: skip });
  }

  const attempts = notice.attempts + 1;
  const send = deps.senders[notice.route];
  try {
    if (!send) throw new Error(`no sender configured for ${notice.route} notices`);
    // Parts an earlier attempt already sent (a notice split for the provider) are not sent again.
    const alreadySent = notice.state === 'failed' && notice.providerMessageId ? notice.providerMessageId.split(',') : [];
    const result = await send({
      to: deps.pii.open(notice.sealedTo),
      body: notice.text,
      idempotencyKey: notice.noticeId,
      context: {
        complaintId: notice.complaintId ?? '',
        language: notice.language,
        ...(notice.textKo !== undefined ? { original: { text: notice.textKo, language: 'ko' } } : {}),
        ...(alreadySent.length > 0 ? { alreadySent } : {}),
      },
    });
    const sentAs = result.sentAs ? { textSent: result.sentAs.text, charsetFallback: result.sentAs.charsetFallback } : {};
    if (result.sentAs) deps.log.warn('notice adapted to what the handset can show', { ...logContext, charsetFallback: result.sentAs.charsetFallback });
    deps.log.info('notice sent', { ...logContext, language: notice.language });
    return settle(deps, notice, { state: 'sent', attempts, at: deps.clock.now().toISOString(), providerMessageId: result.providerMessageId, ...sentAs });
  } catch (error) {
    const at = deps.clock.now().toISOString();
    // The number refuses our texts (opted out at the provider) or is no mobile: a state of the
    // citizen that retrying cannot change, as for replies (core/reply.ts refusedRecipient).
    if (error instanceof SmsRecipientRefusedError) {
      const skipReason = error.reason === 'opted_out' ? 'opted_out' : 'unreachable';
      deps.log.warn('notice refused for its recipient', { ...logContext, reason: error.reason, provider: error.provider, code: error.code });
      const lastError = `${error.reason === 'opted_out' ? 'opted out' : 'not a mobile number'} (${error.provider} ${error.code})`;
      return settle(deps, notice, { state: 'skipped', attempts, at, lastError, skipReason });
    }
    // Provider errors often quote the destination number.
    const lastError = maskPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : 'send failed').slice(0, 500);
    const partial = error instanceof PartiallySentError && error.sentIds.some((id) => id !== '') ? { providerMessageId: error.sentIds.join(',') } : {};
    if (attempts >= MAX_NOTICE_ATTEMPTS) {
      deps.log.error('notice given up', { ...logContext, attempts, error: lastError });
      return settle(deps, notice, { state: 'skipped', attempts, at, lastError, skipReason: 'attempts_exhausted', ...partial });
    }
    deps.log.warn('notice send failed; the sweeper retries it', { ...logContext, attempts, error: lastError });
    return settle(deps, notice, { state: 'failed', attempts, at, lastError, ...partial });
  }
}

async function settle(deps: NoticeDeps, notice: Notice, outcome: NoticeOutcome): Promise<Notice> {
  await deps.outbox.settle(notice.noticeId, outcome);
  const { at, ...recorded } = outcome;
  const next: Notice = { ...notice, ...recorded, ...(outcome.state === 'failed' ? {} : { settledAt: at }) };
  if (isNoticeSettled(next)) await deps.outbox.unschedule(next);
  return next;
}

/**
 * Why a due notice must not go out after all: the number opted out (a notice on SMS), or the
 * complaint has moved on since it was planned (a "taken up" notice held over the night for a
 * complaint closed by morning, a transfer followed by another one).
 */
async function reasonToSkip(deps: NoticeDeps, notice: Notice): Promise<NoticeSkipReason | null> {
  if (notice.route === 'sms' && (await deps.preferences.getSmsPreference(notice.citizenHash))?.optedOut) return 'opted_out';
  if (!notice.complaintId || !SUPERSEDABLE.has(notice.kind)) return null;
  const complaint = await deps.repository.getComplaint(notice.complaintId);
  if (!complaint) return null;
  switch (notice.kind) {
    case 'taken_up':
      return complaint.status === 'in_progress' ? null : 'superseded';
    case 'closed':
      return complaint.status === 'closed' ? null : 'superseded';
    case 'transferred':
      return complaint.agency === notice.agency ? null : 'superseded';
    default:
      return OPEN_STATUSES.includes(complaint.status) ? null : 'superseded';
  }
}

const SUPERSEDABLE: ReadonlySet<Notice['kind']> = new Set(['taken_up', 'closed', 'transferred', 'progress']);
