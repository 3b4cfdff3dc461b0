import type { InboundMessage, Provider } from '../../schemas/inbound-message.ts';
import { messageIdFor } from './ids.ts';
import { toUtcIso } from './kst.ts';
import { maskPersonalData } from './pii-masking.ts';
import type { ProtectedHandle } from './model.ts';
import type { CitizenPreferences } from './ports/citizen-preferences.ts';
import type { EventPublisher } from './ports/events.ts';
import type { PiiProtector } from './ports/pii.ts';
import type { Clock, Log } from './ports/runtime.ts';
import type { SmsSender } from './ports/sms-sender.ts';
import { protectHandle } from './protect-handle.ts';
import { smsHelpText, smsKeywordOf, type SmsKeyword } from './sms-keywords.ts';

export interface SmsKeywordDeps {
  preferences: CitizenPreferences;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /**
   * Sends the help text where the provider's webhook response cannot carry it (End User
   * Messaging). Absent: such a help keyword is logged as unanswered.
   */
  smsSender?: SmsSender;
  /** Where a status request ("상태 <receipt number>") goes to be answered (the notice function). */
  events?: EventPublisher;
}

/** Providers whose webhook response carries the gateway's answer (Twilio's TwiML): their edge answers HELP. */
const ANSWERED_IN_THE_WEBHOOK: ReadonlySet<Provider> = new Set<Provider>(['twilio']);

/**
 * Acts on an opt-out, opt-in or help keyword before intake: records the citizen's SMS preference
 * (last keyword wins, by the time it was sent), answers HELP once per message when neither the
 * provider nor the webhook response did. Returns whether the text still becomes a complaint
 * message: not when the whole text is the keyword.
 */
export async function handleSmsKeyword(deps: SmsKeywordDeps, message: InboundMessage): Promise<{ opensComplaint: boolean }> {
  const keyword = smsKeywordOf(message);
  if (!keyword) return { opensComplaint: true };
  const citizen = protectHandle(deps.pii, message.citizenHandleKind, message.citizenHandle);
  const messageId = messageIdFor(message);
  const logContext = { messageId, provider: message.provider, keyword: keyword.kind, language: keyword.language, handledByProvider: keyword.handledByProvider };

  if (keyword.kind === 'status') {
    await requestStatus(deps, keyword, { citizen, messageId, at: toUtcIso(message.receivedAt) }, logContext);
  } else if (keyword.kind !== 'help') {
    const applied = await deps.preferences.recordSmsPreference(citizen.hash, {
      optedOut: keyword.kind === 'opt-out',
      changedAt: toUtcIso(message.receivedAt),
      keyword: (message.providerKeyword ?? message.text.trim()).slice(0, 64),
      handledBy: keyword.handledByProvider ? 'provider' : 'gateway',
      messageId,
    });
    deps.log.info(keyword.kind === 'opt-out' ? 'sms opt-out recorded' : 'sms opt-in recorded', { ...logContext, applied });
  } else if (keyword.onlyKeyword) {
    await answerHelp(deps, message, keyword, { hash: citizen.hash, sealed: citizen.sealed, unverifiable: citizen.unverifiable === true, messageId }, logContext);
  }
  return { opensComplaint: !keyword.onlyKeyword };
}

async function answerHelp(
  deps: SmsKeywordDeps,
  message: InboundMessage,
  keyword: SmsKeyword,
  citizen: { hash: string; sealed: string; unverifiable: boolean; messageId: string },
  logContext: Record<string, unknown>,
): Promise<void> {
  if (keyword.handledByProvider || ANSWERED_IN_THE_WEBHOOK.has(message.provider)) {
    deps.log.info('sms help keyword answered by the provider or the webhook', logContext);
    return;
  }
  if (citizen.unverifiable) {
    deps.log.info('sms help keyword not answered: the sender is not a phone number', logContext);
    return;
  }
  if (!deps.smsSender) {
    deps.log.warn('sms help keyword not answered: no SMS sender is wired for the pipeline', logContext);
    return;
  }
  // At most once per HELP message: a failed send is logged, and the citizen can ask again.
  if (!(await deps.preferences.claimHelpAnswer(citizen.hash, citizen.messageId, deps.clock.now().toISOString()))) return;
  try {
    await deps.smsSender.send({ to: deps.pii.open(citizen.sealed), body: smsHelpText(keyword.language), idempotencyKey: `help:${citizen.messageId}` });
    deps.log.info('sms help keyword answered', logContext);
  } catch (error) {
    deps.log.warn('sms help keyword not answered: the send failed', {
      ...logContext,
      error: maskPersonalData(error instanceof Error ? `${error.name}: ${error.message}` : 'send failed').slice(0, 500),
    });
  }
}

/**
 * A status keyword and a receipt number: no complaint; the notice function answers it by SMS
 * (the pipeline sends nothing itself, ADR 0013). A sender that is not a phone number cannot be
 * answered, and its text is not a request anyone could prove.
 */
async function requestStatus(deps: SmsKeywordDeps, keyword: SmsKeyword, request: { citizen: ProtectedHandle; messageId: string; at: string }, logContext: Record<string, unknown>): Promise<void> {
  const { citizen } = request;
  if (citizen.unverifiable || !keyword.receiptNo) {
    deps.log.info('sms status keyword not answered: the sender is not a phone number', logContext);
    return;
  }
  if (!deps.events) {
    deps.log.warn('sms status keyword not answered: no event port is wired for the pipeline', logContext);
    return;
  }
  const event = { type: 'sms.status_requested', messageId: request.messageId, receiptNo: keyword.receiptNo, citizen: { hash: citizen.hash, sealed: citizen.sealed }, language: keyword.language, at: request.at } as const;
  await deps.events.publish([event]);
  deps.log.info('sms status keyword passed on to be answered', logContext);
}
