import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { ConnectContactFlowEvent } from '../../../schemas/connect-flow-event.ts';
import type { Log } from '../ports/runtime.ts';
import { fitContactAttributes } from './contact-attributes.ts';
import { resolveContactLanguage, type RoutedLanguage } from './language-routing.ts';

/**
 * What the contact-start Lambda needs from the complaint store. The lead wires it to the ingest
 * use case; both calls must be idempotent on the InboundMessage's providerMessageId (ContactId).
 */
export interface VoiceComplaintPort {
  /** Creates the complaint for this contact, or returns the one already created for it. */
  attachOrCreate(inbound: InboundMessage, context: VoiceContactContext): Promise<{ complaintId: string; receiptNo: string }>;
  /** Open complaints of the same caller (looked up by the hashed, normalised number). */
  countOpenComplaints(inbound: InboundMessage, context: VoiceContactContext): Promise<number>;
  /** Stores the caller's consent to status notices by SMS on the complaint (idempotent). */
  recordSmsNoticeConsent?(complaintId: string, consent: { at: string; contactId: string }): Promise<void>;
}

export interface VoiceContactContext {
  /** True when the caller withheld the number: the handle is per-contact and must not be normalised. */
  anonymous: boolean;
  language: RoutedLanguage;
  /** The caller pressed 1 on the SMS notices offer (the flow's `smsNotices` attribute or parameter). */
  smsNoticesGranted: boolean;
}

export interface ContactStartDeps {
  complaints: VoiceComplaintPort;
  log: Log;
  now(): Date;
  /** Resolves after `ms`; injected so tests decide when the budget runs out. */
  sleep(ms: number): Promise<void>;
  /** Budget for the storage work; well under the flow's InvocationTimeLimitSeconds (max 8 s). */
  budgetMs?: number;
}

export const DEFAULT_CONTACT_START_BUDGET_MS = 2000;
export const ANONYMOUS_HANDLE_PREFIX = 'anonymous-caller:';

// Carriers present withheld numbers as these strings rather than a null endpoint.
const WITHHELD = new Set(['', 'anonymous', 'restricted', 'private', 'unavailable', 'unknown']);

export type ContactStartAttributes = Record<string, string>;

/** The contact this complaint belongs to: the first contact of a transfer chain. */
export function contactKey(event: ConnectContactFlowEvent): string {
  const data = event.Details.ContactData;
  return data.InitialContactId || data.ContactId;
}

/** Maps the Connect event to the canonical InboundMessage (a call has no text yet). */
export function inboundFromContactEvent(event: ConnectContactFlowEvent, receivedAt: Date): { inbound: InboundMessage; context: VoiceContactContext } {
  const data = event.Details.ContactData;
  const address = data.CustomerEndpoint?.Address?.trim() ?? '';
  const anonymous = WITHHELD.has(address.toLowerCase());
  const key = contactKey(event);
  const { language, source } = resolveContactLanguage({
    attribute: data.Attributes.language ?? event.Details.Parameters.language,
    locale: data.LanguageCode,
  });
  const inbound: InboundMessage = {
    channel: 'voice',
    provider: 'amazon-connect',
    providerMessageId: key,
    citizenHandle: anonymous ? `${ANONYMOUS_HANDLE_PREFIX}${key}` : address,
    // A withheld number is not a phone number: its own kind keeps it out of normalizePhone and threading by number.
    citizenHandleKind: anonymous ? 'anonymous-caller' : 'phone',
    ...(data.SystemEndpoint?.Address ? { recipient: data.SystemEndpoint.Address } : {}),
    text: '',
    media: [],
    conversationRef: key,
    receivedAt: receivedAt.toISOString(),
    // A call has no text to detect a language from: a language the contact already carries (a
    // transfer from the foreign-language line, the contact's locale) becomes the complaint's.
    ...(source === 'default' ? {} : { languageHint: language }),
  };
  const smsNotices = event.Details.Parameters.smsNotices ?? data.Attributes.smsNotices;
  return { inbound, context: { anonymous, language, smsNoticesGranted: smsNotices === 'granted' } };
}

function respond(values: {
  receiptNo?: string;
  complaintId?: string;
  openComplaintCount?: number;
  language: RoutedLanguage;
  route: 'language' | 'default';
}): ContactStartAttributes {
  return fitContactAttributes(
    [
      ['route', values.route],
      ['language', values.language],
      ['receiptNo', values.receiptNo],
      ['complaintId', values.complaintId],
      ['openComplaintCount', values.openComplaintCount],
    ],
    { mode: 'lambda-response', maxValueBytes: 256 },
  ).attributes;
}

/**
 * Contact-start use case: create or attach the complaint for this contact and count the caller's
 * open complaints, within a time budget. When storage is slow or failing the caller is not kept
 * waiting: the response is the safe default route, and the work is redone idempotently by the
 * next event for the same ContactId (a pending write may also complete on its own).
 */
export async function handleContactStart(deps: ContactStartDeps, event: ConnectContactFlowEvent): Promise<ContactStartAttributes> {
  const { inbound, context } = inboundFromContactEvent(event, deps.now());
  const budgetMs = deps.budgetMs ?? DEFAULT_CONTACT_START_BUDGET_MS;
  let attached: { complaintId: string; receiptNo: string } | undefined;
  let openCount: number | undefined;

  const consent = deps.complaints.recordSmsNoticeConsent?.bind(deps.complaints);
  const attach = deps.complaints.attachOrCreate(inbound, context).then(async (r) => {
    attached = r;
    // A withheld number cannot be texted: its consent is not kept.
    if (context.smsNoticesGranted && !context.anonymous && consent) await consent(r.complaintId, { at: deps.now().toISOString(), contactId: inbound.providerMessageId });
  });
  const count = context.anonymous
    ? Promise.resolve().then(() => {
        openCount = 0;
      })
    : deps.complaints.countOpenComplaints(inbound, context).then((n) => {
        openCount = n;
      });
  const work = Promise.allSettled([attach, count]);
  const outcome = await Promise.race([work.then(() => 'done' as const), deps.sleep(budgetMs).then(() => 'timeout' as const)]);

  const settled = outcome === 'done' ? await work : undefined;
  const failures = settled?.filter((r): r is PromiseRejectedResult => r.status === 'rejected') ?? [];
  if (outcome === 'timeout') {
    deps.log.warn('contact-start budget exceeded; answering with the default route', { contactId: inbound.providerMessageId, budgetMs });
    // Keep the process from reporting an unhandled rejection when the late work fails.
    void work;
  }
  for (const failure of failures) {
    deps.log.error('contact-start storage call failed', {
      contactId: inbound.providerMessageId,
      error: failure.reason instanceof Error ? failure.reason.name : 'unknown',
    });
  }
  const complete = attached !== undefined;
  return respond({
    ...(attached ?? {}),
    ...(openCount !== undefined ? { openComplaintCount: openCount } : {}),
    language: context.language,
    route: complete ? 'language' : 'default',
  });
}
