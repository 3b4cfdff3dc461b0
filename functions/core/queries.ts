import * as z from '../../schemas/zod-mini.ts';
import { ChannelSchema } from '../../schemas/channel.ts';
import { InvalidQueryError } from './errors.ts';
import { isComplaintId } from './ids.ts';
import { kstDay, kstDayStart, toUtcIso } from './kst.ts';
import type { Channel } from '../../schemas/inbound-message.ts';
import type { AssignmentChange, ComplaintStatus, DeadlineChange, DeliveryReceipt, LanguageCode, Message, Reply, SuggestedCase, TranslationStatus } from './model.ts';
import type { PetitionType } from './deadlines/petition-types.ts';
import { maskPersonalData, maskResidentRegistrationNumbers } from './pii-masking.ts';
import { InvalidCursorError, type ComplaintDetail, type ComplaintListQuery, type ComplaintRepository, type VersionedComplaint } from './ports/complaint-repository.ts';
import { normalizeReceiptNo } from './receipt.ts';

export const ComplaintStatusSchema = z.enum(['received', 'in_progress', 'answered', 'closed']);
export const LanguageCodeSchema = z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn', 'und']);
/** Categories are the knowledge base's 대분류 names (교통, 주차, ...), free text up to 100 characters. */
export const CategorySchema = z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(100));

/** A KST calendar day (YYYY-MM-DD) or an ISO-8601 instant with offset. */
const DayOrInstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/**
 * Query string of `GET /api/complaints`. Empty values count as absent; unknown
 * parameters are refused (a misspelt filter must not silently list everything).
 * `from`/`to` as days are whole KST days, both inclusive; as instants, inclusive.
 */
export const ComplaintListFilterSchema = z.pipe(
  z.transform((input: unknown) =>
    input !== null && typeof input === 'object'
      ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '' && value !== undefined && value !== null))
      : input,
  ),
  z
    .strictObject({
      channel: z.optional(ChannelSchema),
      status: z.optional(ComplaintStatusSchema),
      from: z.optional(DayOrInstantSchema),
      to: z.optional(DayOrInstantSchema),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
      cursor: z.optional(z.string().check(z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+$/, 'not a cursor from this API'))),
      language: z.optional(LanguageCodeSchema),
      category: z.optional(CategorySchema),
      /** `due`: open complaints, the one due first (extension included) first: the counselor queue. */
      order: z._default(z.enum(['newest', 'oldest', 'due']), 'newest'),
    })
    .check(
      z.refine((f) => !f.from || !f.to || lowerBound(f.from) < upperBound(f.to), { message: '`from` must not be after `to`', path: ['from'] }),
      z.refine((f) => f.order !== 'due' || !f.status || f.status === 'received' || f.status === 'in_progress', {
        message: 'order=due lists open complaints (received, in_progress) only',
        path: ['status'],
      }),
      z.refine((f) => f.order !== 'due' || (!f.from && !f.to), { message: '`from`/`to` select by creation time and cannot be combined with order=due', path: ['from'] }),
    ),
);
export type ComplaintListFilter = z.input<typeof ComplaintListFilterSchema>;

function lowerBound(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? kstDayStart(value).toISOString() : toUtcIso(value);
}

/** Exclusive upper bound: the start of the next KST day for a day, the instant + 1 ms for an instant. */
function upperBound(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(kstDayStart(value).getTime() + 86_400_000).toISOString();
  return new Date(Date.parse(value) + 1).toISOString();
}

export interface ComplaintSummaryView {
  complaintId: string;
  receiptNo: string;
  channel: Channel;
  citizen: string;
  /** The citizen wrote from a sender that is not a phone number: no reply can reach them. */
  citizenUnverifiable?: true;
  language: LanguageCode;
  status: ComplaintStatus;
  category?: string;
  agency?: string;
  createdAt: string;
  createdDayKst: string;
  updatedAt: string;
  lastMessageAt: string;
  /** The due time of the petition type; `extendedDueAt`, when present, is the one in force. */
  dueAt: string;
  petitionType?: PetitionType;
  extendedDueAt?: string;
  deadlineExtension?: { count: number; reason: string; at: string; citizenConsent: boolean };
  confidential: boolean;
  firstContactResolution?: boolean;
  satisfaction?: number;
}

export interface MessageView {
  messageId: string;
  direction: Message['direction'];
  provider: Message['provider'];
  receivedAt: string;
  text: string;
  overLength: boolean;
  language: LanguageCode;
  translation: { status: TranslationStatus; text?: string; provider?: string; attempts: number; lastError?: string; updatedAt: string };
  attachments: { key: string; contentType: string; sizeBytes: number }[];
  refusedAttachments: { contentType: string; reason: string }[];
  redactedAt?: string;
  /** X: earlier versions of an edited mention (`text` is the newest). */
  edits?: { tweetId: string; previousText: string; editedAt: string }[];
  /** The self-service answer this message was written from. */
  selfServiceCaseId?: string;
}

export interface StatusEventView {
  eventId: string;
  at: string;
  actor: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  reason: string;
  /** What a petition-type change or an extension set (the status stays). */
  deadline?: Omit<DeadlineChange, 'extension'>;
  /** What a category or agency change set (the status stays). */
  assignment?: AssignmentChange;
}

export interface ReplyView {
  replyId: string;
  createdAt: string;
  counselor: string;
  textKo: string;
  textSent: string;
  language: LanguageCode;
  writtenIn?: LanguageCode;
  delivery: Reply['delivery'];
  translation?: Reply['translation'];
  translationAttempts?: number;
  charsetFallback?: Reply['charsetFallback'];
  providerMessageId?: string;
  /** The providers' delivery reports, per sent part. */
  receipts?: DeliveryReceipt[];
  deliveredOtherwise?: Reply['deliveredOtherwise'];
  lastError?: string;
}

export interface ComplaintDetailView extends ComplaintSummaryView {
  /** Knowledge cases for its Korean text, best first (absent until computed). */
  suggestedCases?: SuggestedCase[];
  /** Self-service answers the citizen had read and found no help in, in message order (absent: none). */
  selfServiceCaseIds?: string[];
  /** When a caller agreed on the call to status notices by SMS (voice complaints). */
  smsNoticeConsent?: { at: string };
  messages: MessageView[];
  statusHistory: StatusEventView[];
  replies: ReplyView[];
}

/** What the API shows of a complaint: the masked handle only, never its hash or sealed form. */
export function complaintSummaryView(complaint: VersionedComplaint): ComplaintSummaryView {
  return {
    complaintId: complaint.complaintId,
    receiptNo: complaint.receiptNo,
    channel: complaint.channel,
    citizen: complaint.citizen.masked,
    ...(complaint.citizen.unverifiable ? { citizenUnverifiable: true as const } : {}),
    language: complaint.language,
    status: complaint.status,
    ...(complaint.category !== undefined ? { category: complaint.category } : {}),
    ...(complaint.agency !== undefined ? { agency: complaint.agency } : {}),
    createdAt: complaint.createdAt,
    createdDayKst: kstDay(complaint.createdAt),
    updatedAt: complaint.updatedAt,
    lastMessageAt: complaint.lastMessageAt,
    dueAt: complaint.dueAt,
    ...(complaint.petitionType !== undefined ? { petitionType: complaint.petitionType } : {}),
    ...(complaint.extendedDueAt !== undefined ? { extendedDueAt: complaint.extendedDueAt } : {}),
    ...(complaint.deadlineExtension !== undefined
      ? {
          deadlineExtension: {
            count: complaint.deadlineExtension.count,
            reason: complaint.deadlineExtension.reason,
            at: complaint.deadlineExtension.at,
            citizenConsent: complaint.deadlineExtension.citizenConsent,
          },
        }
      : {}),
    confidential: complaint.confidential,
    ...(complaint.firstContactResolution !== undefined ? { firstContactResolution: complaint.firstContactResolution } : {}),
    ...(complaint.satisfaction !== undefined ? { satisfaction: complaint.satisfaction } : {}),
  };
}

/** Texts keep everything the citizen wrote except resident registration numbers. */
export function complaintDetailView(detail: ComplaintDetail): ComplaintDetailView {
  const selfServiceCaseIds = [...new Set(detail.messages.flatMap((m) => (m.selfServiceCaseId ? [m.selfServiceCaseId] : [])))];
  return {
    ...complaintSummaryView(detail.complaint),
    ...(detail.complaint.suggestedCases ? { suggestedCases: detail.complaint.suggestedCases.map(({ caseId, title, score }) => ({ caseId, title, score })) } : {}),
    ...(selfServiceCaseIds.length > 0 ? { selfServiceCaseIds } : {}),
    ...(detail.complaint.smsNoticeConsent ? { smsNoticeConsent: { at: detail.complaint.smsNoticeConsent.at } } : {}),
    messages: detail.messages.map((m) => ({
      messageId: m.messageId,
      direction: m.direction,
      provider: m.provider,
      receivedAt: m.receivedAt,
      text: maskResidentRegistrationNumbers(m.text),
      overLength: m.overLength,
      language: m.language,
      translation: {
        status: m.translation.status,
        ...(m.translation.text !== undefined ? { text: maskResidentRegistrationNumbers(m.translation.text) } : {}),
        ...(m.translation.provider !== undefined ? { provider: m.translation.provider } : {}),
        attempts: m.translation.attempts,
        ...(m.translation.lastError !== undefined ? { lastError: m.translation.lastError } : {}),
        updatedAt: m.translation.updatedAt,
      },
      attachments: m.attachments.map((a) => ({ key: a.key, contentType: a.contentType, sizeBytes: a.sizeBytes })),
      refusedAttachments: m.refusedAttachments.map((r) => ({ contentType: r.contentType, reason: r.reason })),
      ...(m.redactedAt !== undefined ? { redactedAt: m.redactedAt } : {}),
      ...(m.edits !== undefined ? { edits: m.edits.map((e) => ({ tweetId: e.tweetId, previousText: maskResidentRegistrationNumbers(e.previousText), editedAt: e.editedAt })) } : {}),
      ...(m.selfServiceCaseId !== undefined ? { selfServiceCaseId: m.selfServiceCaseId } : {}),
    })),
    statusHistory: detail.statusEvents.map(statusEventView),
    replies: detail.replies.map((r) => ({
      replyId: r.replyId,
      createdAt: r.createdAt,
      counselor: r.counselor,
      textKo: maskResidentRegistrationNumbers(r.textKo),
      textSent: maskResidentRegistrationNumbers(r.textSent),
      language: r.language,
      ...(r.writtenIn !== undefined ? { writtenIn: r.writtenIn } : {}),
      delivery: r.delivery,
      ...(r.translation !== undefined ? { translation: r.translation } : {}),
      ...(r.translationAttempts !== undefined ? { translationAttempts: r.translationAttempts } : {}),
      ...(r.charsetFallback !== undefined ? { charsetFallback: r.charsetFallback } : {}),
      ...(r.providerMessageId !== undefined ? { providerMessageId: r.providerMessageId } : {}),
      ...(r.receipts !== undefined ? { receipts: r.receipts } : {}),
      ...(r.deliveredOtherwise !== undefined ? { deliveredOtherwise: { ...r.deliveredOtherwise, note: maskPersonalData(r.deliveredOtherwise.note) } } : {}),
      ...(r.lastError !== undefined ? { lastError: r.lastError } : {}),
    })),
  };
}

function statusEventView(e: ComplaintDetail['statusEvents'][number]): StatusEventView {
  const deadline = e.deadline ? (({ extension: _extension, ...rest }) => rest)(e.deadline) : undefined;
  return {
    eventId: e.eventId,
    at: e.at,
    actor: e.actor,
    from: e.from,
    to: e.to,
    reason: e.reason,
    ...(deadline ? { deadline } : {}),
    ...(e.assignment ? { assignment: { ...e.assignment } } : {}),
  };
}

export interface QueryDeps {
  repository: ComplaintRepository;
}

export interface ComplaintListView {
  items: ComplaintSummaryView[];
  /** Pass back as `cursor` with the same filter for the next page; absent on the last page. */
  nextCursor?: string;
}

/** Parses the filter (throws InvalidQueryError with readable issues) into a repository query. */
export function toListQuery(filter: unknown): ComplaintListQuery {
  const parsed = ComplaintListFilterSchema.safeParse(filter ?? {});
  if (!parsed.success) {
    throw new InvalidQueryError(parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)));
  }
  const f = parsed.data;
  return {
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.language ? { language: f.language } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.from ? { createdFrom: lowerBound(f.from) } : {}),
    ...(f.to ? { createdBefore: upperBound(f.to) } : {}),
    limit: f.limit,
    ...(f.cursor ? { cursor: f.cursor } : {}),
    order: f.order,
  };
}

/** `GET /api/complaints`: newest first by default, paginated by an opaque cursor. */
export async function listComplaints(
  deps: QueryDeps,
  filter: ComplaintListFilter | Record<string, string | undefined> | null | undefined,
): Promise<ComplaintListView> {
  let page;
  try {
    page = await deps.repository.listComplaints(toListQuery(filter));
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidQueryError([`cursor: ${error.message}`]);
    throw error;
  }
  return { items: page.items.map(complaintSummaryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The complaint id a path names: itself, or the complaint any receipt number the citizen was given resolves to. */
export async function resolveComplaintId(deps: QueryDeps, idOrReceiptNo: string): Promise<string | null> {
  if (isComplaintId(idOrReceiptNo)) return idOrReceiptNo;
  const receiptNo = normalizeReceiptNo(idOrReceiptNo);
  return receiptNo ? deps.repository.findComplaintIdByReceipt(receiptNo) : null;
}

/** A complaint's detail and, for its access record only, whose it is (the view never carries the hash). */
export async function readComplaint(deps: QueryDeps, idOrReceiptNo: string): Promise<{ view: ComplaintDetailView; citizenKeyHash: string } | null> {
  const complaintId = await resolveComplaintId(deps, idOrReceiptNo);
  const detail = complaintId ? await deps.repository.getComplaintDetail(complaintId) : null;
  return detail ? { view: complaintDetailView(detail), citizenKeyHash: detail.complaint.citizen.hash } : null;
}

/** `GET /api/complaints/{id}`: by complaint id or by any receipt number the citizen was given. */
export async function getComplaint(deps: QueryDeps, idOrReceiptNo: string): Promise<ComplaintDetailView | null> {
  return (await readComplaint(deps, idOrReceiptNo))?.view ?? null;
}
