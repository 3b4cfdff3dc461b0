import type { BucketAccess, TableAccess } from './constructs/gateway-function.ts';

/**
 * What a function may touch. Each grant is applied by GatewayFunction's bind* methods, which
 * also set the environment variable the function's wiring reads.
 */
export type FunctionGrant =
  | { readonly kind: 'table'; readonly access: TableAccess }
  | { readonly kind: 'intakeQueue' }
  | { readonly kind: 'mediaBucket'; readonly access: BucketAccess }
  | { readonly kind: 'piiSecret' }
  | { readonly kind: 'twilioSecret' }
  | { readonly kind: 'eventBus' }
  | { readonly kind: 'translate' }
  /** Outbound SMS per the stage's smsSender: Twilio secret, or End User Messaging SendTextMessage. */
  | { readonly kind: 'smsSender' }
  /** PUBLIC_BASE_URL, the origin Twilio signs. */
  | { readonly kind: 'publicBaseUrl' }
  /** SMS_TOPIC_ARN, the topic End User Messaging publishes inbound SMS to. */
  | { readonly kind: 'smsTopic' };

export interface FunctionDefinition {
  /** Construct id and Powertools service name. */
  readonly name: string;
  /** Relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly grants: readonly FunctionGrant[];
}

/**
 * Every Lambda of the gateway, in one place. Stacks look functions up here; the benchmark and the
 * infra tests iterate over it.
 */
export const GATEWAY_FUNCTIONS = {
  smsTwilioWebhook: {
    name: 'sms-twilio-webhook',
    entry: 'functions/handlers/sms-twilio-webhook.ts',
    description: 'Twilio SMS/MMS webhook: verify X-Twilio-Signature, validate, enqueue, answer TwiML',
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
  smsEumSns: {
    name: 'sms-eum-sns',
    entry: 'functions/handlers/sms-eum-sns.ts',
    description: 'End User Messaging two-way SMS from SNS: validate, enqueue',
    memorySize: 256,
    timeoutSeconds: 10,
    grants: [{ kind: 'intakeQueue' }, { kind: 'smsTopic' }],
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
      { kind: 'mediaBucket', access: 'write' },
      { kind: 'piiSecret' },
      // Basic auth on Twilio media URLs.
      { kind: 'twilioSecret' },
      { kind: 'translate' },
      // Re-enqueues messages whose translation is deferred.
      { kind: 'intakeQueue' },
      { kind: 'eventBus' },
    ],
  },
  complaintsApi: {
    name: 'complaints-api',
    entry: 'functions/handlers/complaints-api.ts',
    description: 'Complaints API: list, read, reply (translated back, sent on the channel), status changes',
    memorySize: 512,
    timeoutSeconds: 15,
    grants: [
      { kind: 'table', access: 'readWrite' },
      { kind: 'piiSecret' },
      { kind: 'smsSender' },
      { kind: 'translate' },
      { kind: 'eventBus' },
      { kind: 'mediaBucket', access: 'read' },
    ],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type GatewayFunctionKey = keyof typeof GATEWAY_FUNCTIONS;
