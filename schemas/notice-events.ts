import * as z from './zod-mini.ts';

/*
 * The domain events the notice function reacts to, as EventBridge delivers them
 * (functions/adapters/events/eventbridge-publisher.ts: source, detail-type = event type, detail = the event).
 */
const Id = z.string().check(z.minLength(1), z.maxLength(256));
const Instant = z.iso.datetime({ offset: true });

const StatusChanged = z.object({
  type: z.literal('complaint.status_changed'),
  complaintId: Id,
  receiptNo: Id,
  channel: Id,
  version: z.number().check(z.int(), z.gte(1)),
  from: z.nullable(Id),
  to: Id,
  actor: Id,
  at: Instant,
  agency: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  previousAgency: z.optional(z.string().check(z.maxLength(200))),
});

const DeadlineExtended = z.object({
  type: z.literal('complaint.deadline_extended'),
  complaintId: Id,
  receiptNo: Id,
  channel: Id,
  language: z.string(),
  petitionType: z.string(),
  extensionNumber: z.number().check(z.int(), z.gte(1)),
  dueAt: Instant,
  reason: z.string().check(z.maxLength(1000)),
  at: Instant,
});

const StatusRequested = z.object({
  type: z.literal('sms.status_requested'),
  messageId: Id,
  receiptNo: z.string().check(z.regex(/^\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}$/)),
  citizen: z.object({ hash: Id, sealed: z.string().check(z.minLength(1), z.maxLength(2048)) }),
  language: z.string().check(z.maxLength(8)),
  at: Instant,
});

export const NoticeEventDetailSchema = z.discriminatedUnion('type', [StatusChanged, DeadlineExtended, StatusRequested]);
export type NoticeEventDetail = z.infer<typeof NoticeEventDetailSchema>;

/** The detail types the notice rule forwards (lib/stacks/notices-stack.ts). */
export const NOTICE_EVENT_TYPES = ['complaint.status_changed', 'complaint.deadline_extended', 'sms.status_requested'] as const;

export const NoticeEventSchema = z.looseObject({
  source: z.literal('citizen-contact-gateway'),
  'detail-type': z.enum(NOTICE_EVENT_TYPES),
  detail: NoticeEventDetailSchema,
});

/** The sweeper's scheduled input (the rule target's fixed input). */
export const NoticeSweepInputSchema = z.object({ job: z.enum(['deliver', 'progress']) });
export type NoticeSweepJob = z.infer<typeof NoticeSweepInputSchema>['job'];
