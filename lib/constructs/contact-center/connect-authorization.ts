import { PolicyStatement } from 'aws-cdk-lib/aws-iam';

/** Amazon Connect resource types (Service Authorization Reference, "Resource types defined by Amazon Connect"). */
export type ConnectResourceType = 'instance' | 'contact' | 'contact-flow' | 'queue' | 'quick-connect' | 'task-template';

export interface ConnectActionAuthorization {
  /** Resource types marked `*`: the statement must name one ARN of each. */
  readonly required: readonly ConnectResourceType[];
  /** Resource types the action may also be authorized on (e.g. a related contact). */
  readonly optional: readonly ConnectResourceType[];
  /** Condition keys the action supports, beyond the resource types' own tag keys. */
  readonly conditionKeys: readonly string[];
}

/**
 * The Amazon Connect actions the gateway grants, as the Service Authorization Reference lists
 * them ("Actions, resources, and condition keys for Amazon Connect",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html,
 * read as of June 2026; docs/channels/voice.md records the rows). An ARN of a type not listed
 * here never matches the action, so a statement built from it would deny at call time.
 */
export const CONNECT_ACTIONS = {
  StartChatContact: { required: ['contact-flow'], optional: ['contact'], conditionKeys: ['connect:InstanceId'] },
  StartTaskContact: {
    required: ['contact-flow'],
    optional: ['contact', 'quick-connect', 'task-template'],
    conditionKeys: ['aws:ResourceTag/${TagKey}', 'connect:InstanceId', 'connect:AssignmentType'],
  },
  StartContactStreaming: { required: ['instance'], optional: [], conditionKeys: ['aws:ResourceTag/${TagKey}'] },
  // Authorized like StartChatContact, the other contact a flow starts for a customer: on the flow,
  // and the contact being created (docs/channels/sign-language-video.md records the row and its source).
  StartWebRTCContact: { required: ['contact-flow'], optional: ['contact'], conditionKeys: ['connect:InstanceId'] },
  // No condition key and only the contact being created: IAM cannot pin the flow or queue here.
  StartOutboundVoiceContact: { required: ['contact'], optional: [], conditionKeys: [] },
} as const satisfies Record<string, ConnectActionAuthorization>;

export type ConnectAction = keyof typeof CONNECT_ACTIONS;

/** ARN patterns of the resource types (Partition, Region, Account, ids are single segments). */
export const CONNECT_ARN_PATTERNS: Readonly<Record<ConnectResourceType, RegExp>> = {
  instance: /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+$/,
  contact: /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/contact\/[^/]+$/,
  'contact-flow': /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/contact-flow\/[^/]+$/,
  queue: /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/queue\/[^/]+$/,
  'quick-connect': /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/transfer-destination\/[^/]+$/,
  'task-template': /^arn:[^:]+:connect:[^:]*:[^:]*:instance\/[^/]+\/task-template\/[^/]+$/,
};

/**
 * One IAM statement for one Connect action, on ARNs grouped by resource type: a type the action
 * is not authorized on, or a missing required one, fails synthesis instead of failing the call.
 */
export function connectStatement(action: ConnectAction, resources: Partial<Record<ConnectResourceType, readonly string[]>>): PolicyStatement {
  const authorization: ConnectActionAuthorization = CONNECT_ACTIONS[action];
  const allowed = new Set<ConnectResourceType>([...authorization.required, ...authorization.optional]);
  for (const type of Object.keys(resources) as ConnectResourceType[]) {
    if (!allowed.has(type)) throw new Error(`connect:${action} is not authorized on ${type} resources (Service Authorization Reference)`);
  }
  for (const type of authorization.required) {
    if (!resources[type]?.length) throw new Error(`connect:${action} needs a ${type} resource (Service Authorization Reference)`);
  }
  return new PolicyStatement({ actions: [`connect:${action}`], resources: Object.values(resources).flatMap((arns) => [...(arns ?? [])]) });
}

/** The contacts of one instance: contact ids exist only once Connect creates them. */
export const contactsOf = (instanceArn: string): string => `${instanceArn}/contact/*`;
