import { MANIFEST_KEY } from '../functions/adapters/knowledge/knowledge-keys.ts';
import { DAYS_PARTITION, SELF_SERVICE_KEY_PREFIX } from '../functions/adapters/self-service/self-service-keys.ts';
import type { BucketAccess, PrefixAccess, TableAccess } from './constructs/gateway-function.ts';

/**
 * What a function may touch. Each grant is applied by GatewayFunction's bind* methods, which
 * also set the environment variable the function's wiring reads.
 */
export type FunctionGrant =
  | { readonly kind: 'table'; readonly access: TableAccess }
  /** These DynamoDB actions on items whose partition key is one of `leadingKeys` (`*` ends a prefix), on the table only. */
  | { readonly kind: 'tablePartitions'; readonly actions: readonly string[]; readonly leadingKeys: readonly string[] }
  | { readonly kind: 'intakeQueue' }
  | { readonly kind: 'mediaBucket'; readonly access: BucketAccess }
  /** KNOWLEDGE_INDEX_BUCKET: the serialized search index under knowledge-index/ of the media bucket. */
  | { readonly kind: 'knowledgeIndex'; readonly access: PrefixAccess }
  | { readonly kind: 'piiSecret' }
  | { readonly kind: 'twilioSecret' }
  /** MO_WEBHOOK_SECRET_ARN: the keys a Korean MO relay signs the webhook with. */
  | { readonly kind: 'moWebhookSecret' }
  | { readonly kind: 'eventBus' }
  | { readonly kind: 'translate' }
  /** Outbound SMS per the stage's smsSender: Twilio secret, or End User Messaging SendTextMessage. */
  | { readonly kind: 'smsSender' }
  /** PUBLIC_BASE_URL, the origin Twilio signs. */
  | { readonly kind: 'publicBaseUrl' }
  /** SMS_TOPIC_ARN, the topic End User Messaging publishes inbound SMS to. */
  | { readonly kind: 'smsTopic' }
  /** PUBLIC_HOLIDAYS, the stage's holiday table: functions that compute complaint due times. */
  | { readonly kind: 'publicHolidays' }
  /** STAFF_USER_POOL_ID and STAFF_CLIENT_IDS: whose id tokens the staff API accepts (no IAM grant: the JWKS is public). */
  | { readonly kind: 'staffPool' }
  /** AUDIT_TABLE_NAME and append-only access (PutItem, GetItem, Query): every function that records staff access. */
  | { readonly kind: 'auditAppend' }
  /** The audit API: append, and read the Object Lock digests to verify against. */
  | { readonly kind: 'auditApi' }

  /**
   * The complaint table read, and written only in partitions whose key starts with one of the
   * prefixes (IAM dynamodb:LeadingKeys): a public function's own counters, nothing of a complaint.
   */
  | { readonly kind: 'tableWritesOnly'; readonly partitionPrefixes: readonly string[] };

export interface FunctionDefinition {
  /** Construct id and Powertools service name. */
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /** As LambdaEntry.synchronous. */
  readonly synchronous?: true;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly grants: readonly FunctionGrant[];
}

/** What a function running the reply use case needs: the table, sealed numbers, SMS, Translate, events. */
const REPLY_SENDER_GRANTS = [
  { kind: 'table', access: 'readWrite' },
  { kind: 'piiSecret' },
  { kind: 'smsSender' },
  { kind: 'translate' },
  { kind: 'eventBus' },
] as const satisfies readonly FunctionGrant[];

/**
 * Every Lambda of the gateway, in one place. Stacks look functions up here; the benchmark and the
 * infra tests iterate over it.
 */
export const GATEWAY_FUNCTIONS = {
  smsTwilioWebhook: {
    name: 'sms-twilio-webhook',
    entry: 'functions/handlers/sms-twilio-webhook.ts',
    description: 'Twilio SMS/MMS webhook: verify X-Twilio-Signature, validate, enqueue, answer TwiML',
    synchronous: true,
    memorySize: 512,
    // Twilio waits 15 s; answer well before.
    timeoutSeconds: 10,
    grants: [
      { kind: 'table', access: 'read' },
      { kind: 'intakeQueue' },
      { kind: 'piiSecret' },
      { kind: 'twilioSecret' },
      { kind: 'publicBaseUrl' },
    ],
  },
  smsTwilioStatus: {
    name: 'sms-twilio-status',
    entry: 'functions/handlers/sms-twilio-status.ts',
    description: 'Twilio status callbacks of replies: verify X-Twilio-Signature, record queued/sent/delivered/undelivered',
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'twilioSecret' }, { kind: 'publicBaseUrl' }],
  },
  smsEumEvents: {
    name: 'sms-eum-events',
    entry: 'functions/handlers/sms-eum-events.ts',
    description: 'End User Messaging SMS events of replies (configuration set event destination, SNS): record delivery',
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'table', access: 'readWrite' }],
  },
  smsEumSns: {
    name: 'sms-eum-sns',
    entry: 'functions/handlers/sms-eum-sns.ts',
    description: 'End User Messaging two-way SMS from SNS: validate, enqueue',
    synchronous: true,
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'intakeQueue' }, { kind: 'smsTopic' }],
  },
  smsMoWebhook: {
    name: 'sms-mo-webhook',
    entry: 'functions/handlers/sms-mo-webhook.ts',
    description: 'Signed MO SMS webhook for Korean relays: verify X-Gateway-Signature, validate, enqueue',
    // The relay waits on the answer, as Twilio does.
    synchronous: true,
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'intakeQueue' }, { kind: 'moWebhookSecret' }],
  },
  intakePipeline: {
    name: 'intake-pipeline',
    entry: 'functions/handlers/intake-pipeline.ts',
    description: 'Intake pipeline: normalize, dedupe, detect language, translate, thread, store',
    memorySize: 1024,
    // Media fetches and Translate calls for a batch of ten; the queue's visibility timeout is 6x this.
    timeoutSeconds: 60,
    grants: [
      { kind: 'table', access: 'readWrite' },
      // Writes attachments; reads the photos uploaded through the Open311 API (uploads/).
      { kind: 'mediaBucket', access: 'readWrite' },
      { kind: 'piiSecret' },
      // Basic auth on Twilio media URLs.
      { kind: 'twilioSecret' },
      { kind: 'translate' },
      // Re-enqueues messages whose translation is deferred.
      { kind: 'intakeQueue' },
      { kind: 'eventBus' },
      { kind: 'publicHolidays' },
      // Reads the knowledge index for the cases suggested to each new complaint.
      { kind: 'knowledgeIndex', access: 'read' },
    ],
  },
  staffAuthorizer: {
    name: 'staff-authorizer',
    entry: 'functions/handlers/staff-authorizer.ts',
    description: 'Staff API REQUEST authorizer: verifies Cognito id tokens (aws-jwt-verify), passes user and roles on',
    memorySize: 256,
    timeoutSeconds: 5,
    // Records the refusals it makes (401/403) in the audit trail.
    grants: [{ kind: 'staffPool' }, { kind: 'auditAppend' }],
  },
  complaintsApi: {
    name: 'complaints-api',
    entry: 'functions/handlers/complaints-api.ts',
    description: 'Complaints API: list, read, reply (translated back, sent on the channel), status changes',
    memorySize: 512,
    timeoutSeconds: 15,
    grants: [
      ...REPLY_SENDER_GRANTS,
      { kind: 'mediaBucket', access: 'read' },
      // Petition-type changes and deadline extensions recompute due times.
      { kind: 'publicHolidays' },
      { kind: 'auditAppend' },
    ],
  },
  replyRetry: {
    name: 'reply-retry',
    entry: 'functions/handlers/reply-retry.ts',
    description: 'Reply retry queue: translate and send counselor replies held for lack of a translation',
    memorySize: 512,
    // One Translate call and one send per record; the queue's visibility timeout is 6x this.
    timeoutSeconds: 30,
    grants: REPLY_SENDER_GRANTS,
  },
  knowledgeSearch: {
    name: 'knowledge-search',
    entry: 'functions/handlers/knowledge-search.ts',
    description: 'Knowledge search: the counselling cases for a Korean query, from the index held in memory',
    // Loading the index is CPU work (about 160 ms of CPU at 13,000 cases): more memory, more CPU.
    memorySize: 1024,
    timeoutSeconds: 10,
    // Read-write: a search that finds nothing good is counted as a gap.
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'knowledgeIndex', access: 'read' }, { kind: 'auditAppend' }],
  },
  knowledgeApi: {
    name: 'knowledge-api',
    entry: 'functions/handlers/knowledge-api.ts',
    description: 'Knowledge API: cases and versions, edit, retire, import (CSV in CP949, NDJSON, JSON), gaps, feedback, drafts, quick responses',
    // An import or an edit rebuilds the whole index (seconds of CPU at 13,000 cases): one full vCPU.
    memorySize: 1769,
    // API Gateway gives up at 29 s.
    timeoutSeconds: 29,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'knowledgeIndex', access: 'readWrite' }, { kind: 'auditAppend' }],
  },
  selfServiceStats: {
    name: 'self-service-stats',
    entry: 'functions/handlers/self-service-stats.ts',
    description: 'Self-service statistics: per-KST-day counters for supervisors and auditors',
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'tablePartitions', actions: ['dynamodb:Query'], leadingKeys: [DAYS_PARTITION] }, { kind: 'auditAppend' }],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type GatewayFunctionKey = keyof typeof GATEWAY_FUNCTIONS;

/** The voice and agent-workspace Lambdas (grants beyond these, Connect's, are added by the stack). */
export const VOICE_FUNCTIONS = {
  contactStart: {
    name: 'connect-contact-start',
    entry: 'functions/handlers/connect-contact-start.ts',
    description: 'Amazon Connect contact start: create or attach the complaint, count open complaints, answer contact attributes',
    synchronous: true,
    memorySize: 512,
    // The flow waits 3 s and the use case answers within its 2 s budget; the rest is cold start.
    timeoutSeconds: 5,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'eventBus' }, { kind: 'publicHolidays' }],
  },
  contactEvents: {
    name: 'connect-contact-events',
    entry: 'functions/handlers/connect-contact-events.ts',
    description: 'Amazon Connect contact events -> complaint status history (queued, counselor, disconnected, after-contact work)',
    memorySize: 256,
    timeoutSeconds: 15,
    // Status changes are announced on the domain bus (statistics).
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'eventBus' }],
  },
  happyCallOutcome: {
    name: 'happy-call-outcome',
    entry: 'functions/handlers/happy-call-outcome.ts',
    description: 'Happy-call flow: record answered / no answer / opted out',
    memorySize: 256,
    timeoutSeconds: 5,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'eventBus' }],
  },
  happyCallScheduler: {
    name: 'happy-call-scheduler',
    entry: 'functions/handlers/happy-call-scheduler.ts',
    description: 'Happy-call scheduler: claim due slots, StartOutboundVoiceContact into the language queue',
    memorySize: 512,
    timeoutSeconds: 120,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'eventBus' }],
  },
  queueMetrics: {
    name: 'connect-queue-metrics',
    entry: 'functions/handlers/connect-queue-metrics.ts',
    description: 'Daily: yesterday’s Amazon Connect queue metrics (GetMetricDataV2: handled, abandonment, queue answer time) into the statistics',
    memorySize: 256,
    timeoutSeconds: 60,
    grants: [{ kind: 'table', access: 'readWrite' }],
  },
  postCallSurvey: {
    name: 'post-call-survey',
    entry: 'functions/handlers/post-call-survey.ts',
    description: 'Post-call survey flow: the satisfaction digit the caller pressed (a contact attribute) stored on the call’s complaint',
    memorySize: 256,
    // Connect waits 3 s for the flow's Lambda.
    timeoutSeconds: 5,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'eventBus' }],
  },
  agentWorkspaceRouter: {
    name: 'agent-workspace-router',
    entry: 'functions/handlers/agent-workspace-router.ts',
    description: 'SMS, chat and X complaints -> Amazon Connect chat contact or task in the language queue; follow-ups into the live chat',
    memorySize: 512,
    // Connect throttling is retried with backoff inside (up to ~15 s) before the event is retried.
    timeoutSeconds: 60,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }],
  },
  replyStream: {
    name: 'connect-reply-stream',
    entry: 'functions/handlers/connect-reply-stream.ts',
    description: 'Counselor chat messages from the agent workspace -> reply use case on the citizen channel',
    memorySize: 512,
    timeoutSeconds: 30,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'smsSender' }, { kind: 'translate' }, { kind: 'eventBus' }],
  },
} as const satisfies Record<string, FunctionDefinition>;

/**
 * Citizens' sign-language video calls (voice stack, with the chat channel): the chat accounts API
 * invokes it by its fixed name (videoCallsFunctionName), since that API's stack deploys first.
 */
export const VIDEO_FUNCTIONS = {
  calls: {
    name: 'video-calls-api',
    entry: 'functions/handlers/video-calls-api.ts',
    description: "Citizen sign-language video calls: chat token, reservation join window, StartWebRTCContact on the video flow, the call's link",
    synchronous: true,
    memorySize: 512,
    timeoutSeconds: 10,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'intakeQueue' }, { kind: 'piiSecret' }],
  },
} as const satisfies Record<string, FunctionDefinition>;

/** The video-calls function's name in a stage: known to the chat stack before the voice stack creates it. */
export const videoCallsFunctionName = (stageName: string): string => `cgw-${stageName}-video-calls`;

/** A Lambda whose grants its construct sets itself (channel constructs); name = Powertools service name. */
export interface LambdaEntry {
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /**
   * A citizen waits on this function's answer (a provider webhook, the chat socket, the call):
   * `npm run bench` holds its cold load to the stricter budget (ADR 0008).
   */
  readonly synchronous?: true;
}

/** The chat channel's Lambdas (lib/constructs/chat-channel.ts). */
export const CHAT_FUNCTIONS = {
  authorizer: {
    name: 'chat-authorizer',
    entry: 'functions/handlers/chat-authorizer.ts',
    description: 'Chat WebSocket $connect REQUEST authorizer: checks the chat token',
    synchronous: true,
  },
  connect: { name: 'chat-connect', entry: 'functions/handlers/chat-connect.ts', description: 'Chat WebSocket $connect: records the connection with a TTL', synchronous: true },
  disconnect: { name: 'chat-disconnect', entry: 'functions/handlers/chat-disconnect.ts', description: 'Chat WebSocket $disconnect: forgets the connection' },
  message: { name: 'chat-message', entry: 'functions/handlers/chat-message.ts', description: 'Chat WebSocket frames: validate, rate-limit, enqueue, ack', synchronous: true },
  accounts: { name: 'chat-accounts', entry: 'functions/handlers/chat-accounts-api.ts', description: 'Chat accounts: apply (SMS code), verify (token), revoke' },
  push: { name: 'chat-push', entry: 'functions/handlers/chat-push-api.ts', description: 'Chat Web Push: VAPID public key, subscribe and unsubscribe (chat token)' },
  pushSender: {
    name: 'chat-push-sender',
    entry: 'functions/handlers/chat-push-sender.ts',
    description: 'Chat Web Push sender: reply.push_requested -> the waiting reply to the account\'s subscriptions, once each (the only function with web-push)',
  },
} as const satisfies Record<string, LambdaEntry>;

/**
 * The public self-service answers (lib/constructs/self-service-answers.ts): deployed in the chat
 * channel stack, beside the page that calls it, where a stage has the chat channel.
 */
export const SELF_SERVICE_FUNCTIONS = {
  answers: {
    name: 'self-service-answers',
    entry: 'functions/handlers/self-service-answers.ts',
    description: 'Public self-service answers: search published cases, open one, "this did not help"; per-address windows and day counters',
    synchronous: true,
    // It loads the same index as knowledge-search, plus the public answers object.
    memorySize: 1024,
    timeoutSeconds: 10,
    grants: [
      // The manifest naming the current objects (a consistent GetItem), nothing else of the knowledge base.
      { kind: 'tablePartitions', actions: ['dynamodb:GetItem'], leadingKeys: [MANIFEST_KEY.pk] },
      // Day counters, visits and address windows.
      { kind: 'tablePartitions', actions: ['dynamodb:UpdateItem'], leadingKeys: [`${SELF_SERVICE_KEY_PREFIX}*`] },
      { kind: 'knowledgeIndex', access: 'read' },
      // The HMAC key that hashes client addresses, as the chat accounts API does.
      { kind: 'piiSecret' },
    ],
  },
} as const satisfies Record<string, FunctionDefinition>;

/** The sign-language reservations Lambdas (lib/constructs/sign-language-reservations.ts). */
export const RESERVATION_FUNCTIONS = {
  api: { name: 'reservations-api', entry: 'functions/handlers/reservations-api.ts', description: 'Sign-language reservations API: slots, booking, cancellation, no-show' },
  task: { name: 'reservation-task', entry: 'functions/handlers/reservation-task.ts', description: 'Sign-language reservation work: reminders, Connect task start, sweep' },
} as const satisfies Record<string, LambdaEntry>;

/** The X channel's Lambdas (lib/constructs/x-mention-poller.ts). */
export const X_FUNCTIONS = {
  poller: { name: 'x-mention-poller', entry: 'functions/handlers/x-mention-poller.ts', description: 'X mention poller: read the mention timeline since the cursor, enqueue each mention' },
  deletionSweep: {
    name: 'x-deletion-sweep',
    entry: 'functions/handlers/x-deletion-sweep.ts',
    description: 'X compliance: remove the stored text of mentions deleted, protected, suspended or withheld at X (batch jobs, decaying lookups)',
  },
} as const satisfies Record<string, LambdaEntry>;

/** Civil-petition deadlines (lib/constructs/overdue-complaints-alarm.ts). */
export const DEADLINE_FUNCTIONS = {
  overdueMetric: {
    name: 'overdue-metric',
    entry: 'functions/handlers/overdue-metric.ts',
    description: 'Counts open complaints past their due time (gsi4) every 15 minutes: the metric the overdue alarm watches',
  },
} as const satisfies Record<string, LambdaEntry>;

/** Statistics (docs/operations/statistics.md): created by the complaints API and intake stacks with these grants. */
export const STATISTICS_FUNCTIONS = {
  api: {
    name: 'statistics-api',
    entry: 'functions/handlers/statistics-api.ts',
    description: 'Statistics API: figures of a range of KST days from the rollups, as JSON or CSV',
    memorySize: 512,
    timeoutSeconds: 15,
    grants: [{ kind: 'table', access: 'read' }, { kind: 'auditAppend' }],
  },
  rollup: {
    name: 'statistics-rollup',
    entry: 'functions/handlers/statistics-rollup.ts',
    description: 'Statistics rollups: each domain event refreshes the day rollups of the items it names, exactly once',
    memorySize: 512,
    // The ledger lease (2 minutes) must outlast this several times over (apply-contribution.ts).
    timeoutSeconds: 30,
    grants: [{ kind: 'table', access: 'readWrite' }],
  },
  reconcile: {
    name: 'statistics-reconcile',
    entry: 'functions/handlers/statistics-reconcile.ts',
    description: 'Statistics reconciliation (daily): recount yesterday from the raw items, report and repair drift',
    memorySize: 1024,
    timeoutSeconds: 900,
    grants: [{ kind: 'table', access: 'readWrite' }],
  },
  satisfactionSurvey: {
    name: 'satisfaction-survey',
    entry: 'functions/handlers/satisfaction-survey.ts',
    description: 'Satisfaction survey: a closed complaint’s citizen is asked once, by SMS or chat in their language, to rate it 1-5',
    memorySize: 512,
    timeoutSeconds: 30,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'smsSender' }, { kind: 'eventBus' }],
  },
} as const satisfies Record<string, FunctionDefinition>;

/** The Open311 GeoReport v2 API (lib/stacks/open311-stack.ts). */
export const OPEN311_FUNCTIONS = {
  api: {
    name: 'open311-api',
    entry: 'functions/handlers/open311-api.ts',
    description: 'Open311 GeoReport v2: services, service requests (filed through the intake queue), photo uploads, public media',
    // Apps and the site wait on it, but it carries the S3 client (uploads, media) besides SQS and
    // DynamoDB: held to the general cold-start budget until `npm run bench` shows it fits the strict one.
    memorySize: 512,
    timeoutSeconds: 10,
    grants: [
      // Reads complaints and messages; writes only its own items (accepted requests, rate windows).
      { kind: 'table', access: 'readWrite' },
      { kind: 'intakeQueue' },
      // Stores uploads, serves the stored photos of web requests.
      { kind: 'mediaBucket', access: 'readWrite' },
    ],
  },
} as const satisfies Record<string, FunctionDefinition>;

/** The audit trail's Lambdas: the API behind the staff API (ComplaintsApi stack), the daily digest job (lib/constructs/audit-trail.ts). */
export const AUDIT_FUNCTIONS = {
  api: {
    name: 'audit-api',
    entry: 'functions/handlers/audit-api.ts',
    description: 'Audit API: access records, day verification against the digest, monthly review',
    // Verifying a day hashes every record of it.
    memorySize: 1024,
    // API Gateway's integration timeout.
    timeoutSeconds: 29,
    grants: [{ kind: 'auditApi' }],
  },
  digest: { name: 'audit-digest', entry: 'functions/handlers/audit-digest.ts', description: 'Audit digest job: seal yesterday’s hash chains into the Object Lock bucket, write review summaries' },
} as const satisfies { api: FunctionDefinition; digest: LambdaEntry };

/** Status notices and the public status lookup (lib/stacks/notices-stack.ts, lib/stacks/citizen-status-stack.ts). */
export const NOTICE_FUNCTIONS = {
  noticeEvents: {
    name: 'notice-events',
    entry: 'functions/handlers/notice-events.ts',
    description: 'Status notices: status changes, deadline extensions and status keywords from the event bus -> one SMS/chat notice each (outbox, send lease)',
    memorySize: 512,
    timeoutSeconds: 30,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'smsSender' }, { kind: 'translate' }, { kind: 'auditAppend' }],
  },
  noticeSweeper: {
    name: 'notice-sweeper',
    entry: 'functions/handlers/notice-sweeper.ts',
    description: 'Status notices: send those held over quiet hours or left failed (every 15 minutes), plan 30-day progress notices (daily)',
    memorySize: 512,
    timeoutSeconds: 300,
    grants: [{ kind: 'table', access: 'readWrite' }, { kind: 'piiSecret' }, { kind: 'smsSender' }],
  },
  publicStatus: {
    name: 'public-status',
    entry: 'functions/handlers/public-status.ts',
    description: 'Public status lookup: receipt number + last 4 phone digits -> status, history, due time; lock and rate limits; every lookup recorded',
    synchronous: true,
    memorySize: 512,
    timeoutSeconds: 10,
    grants: [{ kind: 'tableWritesOnly', partitionPrefixes: ['LOOKUPRATE#', 'LOOKUPFAIL#'] }, { kind: 'piiSecret' }, { kind: 'auditAppend' }],
  },
} as const satisfies Record<string, FunctionDefinition>;

export const ANALYTICS_FUNCTIONS = {
  export: { name: 'analytics-export', entry: 'functions/handlers/analytics-export.ts', description: 'Analytics export job: daily point-in-time exports of the complaint and audit tables, masked into the auditors’ Athena tables' },
} as const satisfies Record<string, LambdaEntry>;

/**
 * Every Lambda any stage can deploy (optional channels included), one entry each: what the
 * benchmark bundles and measures. tests/infra/function-catalog.test.ts checks it against
 * functions/handlers/.
 */
export const ALL_LAMBDA_ENTRIES: Array<{ name: string; entry: string; synchronous: boolean }> = [
  GATEWAY_FUNCTIONS,
  X_FUNCTIONS,
  CHAT_FUNCTIONS,
  SELF_SERVICE_FUNCTIONS,
  RESERVATION_FUNCTIONS,
  VOICE_FUNCTIONS,
  VIDEO_FUNCTIONS,
  DEADLINE_FUNCTIONS,
  AUDIT_FUNCTIONS,
  ANALYTICS_FUNCTIONS,
  OPEN311_FUNCTIONS,
  STATISTICS_FUNCTIONS,
  NOTICE_FUNCTIONS,
]
  .flatMap((group): LambdaEntry[] => Object.values(group))
  .map(({ name, entry, synchronous }) => ({ name, entry, synchronous: synchronous === true }));

