import { Stack } from 'aws-cdk-lib';
import {
  CfnContactFlow,
  CfnHoursOfOperation,
  CfnInstance,
  CfnIntegrationAssociation,
  CfnQueue,
  CfnRoutingProfile,
  CfnSecurityProfile,
} from 'aws-cdk-lib/aws-connect';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { QueueKey, RoutedLanguage } from '../../../functions/core/voice/language-routing.ts';
import { generateContactFlows, type FlowKey } from '../../contact-flows/generate-flows.ts';
import type { RecordedPrompts } from '../../contact-flows/speech.ts';
import { buildSignLanguageTaskFlow } from '../../contact-flows/sign-language-task-flow.ts';
import { buildSignLanguageVideoFlow } from '../../contact-flows/sign-language-video-flow.ts';
import { assertValidFlow, invokedLambdaArns } from '../../contact-flows/validate-flow.ts';
import {
  COUNSELOR_PERMISSIONS,
  DAYS,
  DEFAULT_MAX_CONTACTS_PER_QUEUE,
  MEDIA_CONCURRENCY,
  QUEUE_KEYS,
  QUEUE_NAMES,
  SEOUL_TIME_ZONE,
  SUPERVISOR_PERMISSIONS,
} from './contact-center-defaults.ts';

export type ContactCenterInstance =
  /** Creates an Amazon Connect instance with Connect-managed users. */
  | { readonly kind: 'new'; readonly alias: string }
  /** Uses an existing instance (numbers, users and prompts already there). */
  | { readonly kind: 'import'; readonly instanceArn: string };

export interface ContactCenterProps {
  readonly instance: ContactCenterInstance;
  /** Lambda the main IVR invokes at contact start. */
  readonly contactStartFunction: IFunction;
  /** Lambda the happy-call flow invokes with the call outcome. */
  readonly happyCallOutcomeFunction: IFunction;
  /** Recorded prompt ARNs for languages without a Polly voice; missing => counselor-first. */
  readonly recordedPrompts?: Partial<Record<RoutedLanguage, RecordedPrompts>>;
  readonly foreignMenuPromptArn?: string;
  /** @default 60 */
  readonly maxContactsPerQueue?: number;
}

/**
 * The contact center as code: instance (new or imported), 24/7 hours in Seoul time, a queue and a
 * routing profile per language and for sign language, counselor and supervisor security profiles,
 * the generated flows, and the integration + invoke permission for exactly the flow Lambdas.
 */
export class ContactCenter extends Construct {
  readonly instanceArn: string;
  readonly queues: Record<QueueKey, CfnQueue>;
  readonly routingProfiles: Record<QueueKey, CfnRoutingProfile>;
  readonly flows: Record<FlowKey, CfnContactFlow>;
  /** Reservation tasks: working queue from the task's `queueId` attribute, else the sign-language queue. */
  readonly signLanguageTaskFlow: CfnContactFlow;
  /** Citizens' video calls (StartWebRTCContact): the sign-language queue, on demand only while a counselor is available. */
  readonly signLanguageVideoFlow: CfnContactFlow;
  readonly hours: CfnHoursOfOperation;
  readonly counselorProfile: CfnSecurityProfile;
  readonly supervisorProfile: CfnSecurityProfile;

  constructor(scope: Construct, id: string, props: ContactCenterProps) {
    super(scope, id);
    const stack = Stack.of(this);

    if (props.instance.kind === 'new') {
      const instance = new CfnInstance(this, 'Instance', {
        identityManagementType: 'CONNECT_MANAGED',
        instanceAlias: props.instance.alias,
        attributes: { inboundCalls: true, outboundCalls: true, contactflowLogs: true },
      });
      this.instanceArn = instance.attrArn;
    } else {
      this.instanceArn = props.instance.instanceArn;
    }

    // 00:00-00:00 every day is Connect's "open 24 hours"; the flows still keep an after-hours path.
    this.hours = new CfnHoursOfOperation(this, 'Hours24x7', {
      instanceArn: this.instanceArn,
      name: '120-24x7',
      description: 'Open 24 hours, 7 days (Seoul)',
      timeZone: SEOUL_TIME_ZONE,
      config: DAYS.map((day) => ({ day, startTime: { hours: 0, minutes: 0 }, endTime: { hours: 0, minutes: 0 } })),
    });

    const queues = {} as Record<QueueKey, CfnQueue>;
    const profiles = {} as Record<QueueKey, CfnRoutingProfile>;
    for (const key of QUEUE_KEYS) {
      const queue = new CfnQueue(this, `Queue-${key}`, {
        instanceArn: this.instanceArn,
        name: QUEUE_NAMES[key],
        description: `Citizens served in ${key}`,
        hoursOfOperationArn: this.hours.attrHoursOfOperationArn,
        maxContacts: props.maxContactsPerQueue ?? DEFAULT_MAX_CONTACTS_PER_QUEUE,
      });
      queues[key] = queue;
      profiles[key] = new CfnRoutingProfile(this, `Routing-${key}`, {
        instanceArn: this.instanceArn,
        name: `${QUEUE_NAMES[key]}-counselors`,
        description: `Counselors answering in ${key}`,
        defaultOutboundQueueArn: queue.attrQueueArn,
        mediaConcurrencies: MEDIA_CONCURRENCY.map((m) => ({ channel: m.channel, concurrency: m.concurrency })),
        queueConfigs: MEDIA_CONCURRENCY.map((m) => ({ delay: 0, priority: 1, queueReference: { channel: m.channel, queueArn: queue.attrQueueArn } })),
      });
    }
    this.queues = queues;
    this.routingProfiles = profiles;

    this.counselorProfile = new CfnSecurityProfile(this, 'CounselorProfile', {
      instanceArn: this.instanceArn,
      securityProfileName: '120-counselor',
      description: 'Counselors: answer contacts, place outbound calls',
      permissions: COUNSELOR_PERMISSIONS,
    });
    this.supervisorProfile = new CfnSecurityProfile(this, 'SupervisorProfile', {
      instanceArn: this.instanceArn,
      securityProfileName: '120-supervisor',
      description: 'Supervisors: counselor rights plus metrics, contact search and queue/user views',
      permissions: SUPERVISOR_PERMISSIONS,
    });

    const generated = generateContactFlows({
      contactStartLambdaArn: props.contactStartFunction.functionArn,
      happyCallOutcomeLambdaArn: props.happyCallOutcomeFunction.functionArn,
      queues: Object.fromEntries(QUEUE_KEYS.map((key) => [key, queues[key].attrQueueArn])) as Record<QueueKey, string>,
      hoursOfOperationArn: this.hours.attrHoursOfOperationArn,
      ...(props.recordedPrompts ? { recordedPrompts: props.recordedPrompts } : {}),
      ...(props.foreignMenuPromptArn ? { foreignMenuPromptArn: props.foreignMenuPromptArn } : {}),
    });
    const flows = {} as Record<FlowKey, CfnContactFlow>;
    for (const [key, flow] of Object.entries(generated) as Array<[FlowKey, (typeof generated)[FlowKey]]>) {
      flows[key] = new CfnContactFlow(this, `Flow-${key}`, {
        instanceArn: this.instanceArn,
        name: flow.name,
        type: flow.type,
        description: flow.description,
        state: 'ACTIVE',
        content: stack.toJsonString(flow.document),
      });
    }
    this.flows = flows;
    // Built beside the generated set: it invokes no Lambda and only reservations start contacts in it.
    this.signLanguageTaskFlow = new CfnContactFlow(this, 'Flow-signLanguageTask', {
      instanceArn: this.instanceArn,
      name: 'gateway-sign-language-task',
      type: 'CONTACT_FLOW',
      description: 'Sign-language counselling tasks started by reservations, queued by their queueId attribute',
      state: 'ACTIVE',
      content: stack.toJsonString(assertValidFlow('gateway-sign-language-task', buildSignLanguageTaskFlow(queues.sign.attrQueueArn))),
    });

    this.signLanguageVideoFlow = new CfnContactFlow(this, 'Flow-signLanguageVideo', {
      instanceArn: this.instanceArn,
      name: 'gateway-sign-language-video',
      type: 'CONTACT_FLOW',
      description: 'Sign-language video calls from the citizen app (StartWebRTCContact), queued on the sign-language queue',
      state: 'ACTIVE',
      content: stack.toJsonString(assertValidFlow('gateway-sign-language-video', buildSignLanguageVideoFlow(queues.sign.attrQueueArn))),
    });

    // Connect may invoke exactly the Lambdas the flows name: derive the list from the flows.
    const flowLambdas = new Set(Object.values(generated).flatMap((f) => invokedLambdaArns(f.document)));
    const functions = [props.contactStartFunction, props.happyCallOutcomeFunction];
    if (flowLambdas.size !== functions.length || functions.some((fn) => !flowLambdas.has(fn.functionArn))) {
      throw new Error('the generated flows invoke a different set of Lambdas than the contact center grants');
    }
    functions.forEach((fn, index) => {
      const integration = new CfnIntegrationAssociation(this, `LambdaIntegration${index}`, {
        instanceId: this.instanceArn,
        integrationType: 'LAMBDA_FUNCTION',
        integrationArn: fn.functionArn,
      });
      // Publishing a flow validates the Lambdas it invokes: each flow waits for their integration.
      for (const key of Object.keys(generated) as FlowKey[]) {
        if (invokedLambdaArns(generated[key].document).includes(fn.functionArn)) {
          flows[key].addResourceDependency(integration, `publishing ${key} validates the Lambdas it invokes`);
        }
      }
      fn.addPermission(`AllowConnectInvoke${index}`, {
        principal: new ServicePrincipal('connect.amazonaws.com'),
        action: 'lambda:InvokeFunction',
        sourceArn: this.instanceArn,
        sourceAccount: stack.account,
      });
    });
  }
}
