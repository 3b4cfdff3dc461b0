import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseStageConfig, type StageConfig } from '../../lib/config/stage-config.ts';
import { STAGES, stageByName } from '../../lib/config/stages.ts';
import { buildGatewayApp, cdkJsonContext, type GatewayApp } from '../../lib/gateway-app.ts';
import type { GatewayStage } from '../../lib/gateway-stage.ts';
import { cdkOutdir } from '../support/cdk-outdir.ts';

export const X_ACCOUNT_ID = '1500000000000000000';
export const EUM_ORIGINATION_ARN = 'arn:aws:sms-voice:ap-northeast-2:111122223333:phone-number/phone-0123456789abcdef';
/** An Amazon Connect prompt ARN named for the sentence it records. */
export const promptArn = (name: string) => `arn:aws:connect:ap-northeast-2:111122223333:instance/c8c0e68d-2200-4265-82c0-000000000000/prompt/${name}`;
const recordedPrompts = (language: string) =>
  Object.fromEntries(
    ['pleaseWait', 'afterHours', 'queueFull', 'happyCallMenu', 'happyCallOptOutConfirmed', 'happyCallGoodbye', 'happyCallBusy'].map((key) => [key, promptArn(`${language}-${key}`)]),
  ) as Record<'pleaseWait' | 'afterHours' | 'queueFull' | 'happyCallMenu' | 'happyCallOptOutConfirmed' | 'happyCallGoodbye' | 'happyCallBusy', string>;

/**
 * The deployable stages, plus prod switched to End User Messaging replies so both sender paths are
 * synthesized. Functions bundle for real (esbuild); bundles are shared across stages by asset hash.
 */
export const TEST_STAGES: readonly StageConfig[] = [
  ...STAGES,
  parseStageConfig({
    ...stageByName('prod'),
    name: 'prod-eum',
    smsSender: 'aws-eum',
    eumOriginationIdentityArn: EUM_ORIGINATION_ARN,
    // Optional channels switched on, so they are synthesized and nag-checked too.
    xAccountId: X_ACCOUNT_ID,
    xPollRateMinutes: 2,
    chatChannel: {},
    signLanguageReservations: {},
    // Another provider's media host beside Twilio's, so the pipeline's MEDIA_ALLOWED_ORIGINS is synthesized and read.
    mediaAllowedOrigins: ['https://media.example-mms.com', 'https://*.cdn.example-mms.com'],
    // Recorded Vietnamese and Mongolian prompts, as the runbook has operators set them.
    recordedPrompts: { vi: recordedPrompts('vi'), mn: recordedPrompts('mn') },
    foreignMenuPromptArn: promptArn('foreign-menu'),
  }),
];

let synthesized: GatewayApp | undefined;

/** One in-process synthesis per test file (synth bundles every function; two cores). */
export function synthesizedGateway(): GatewayApp {
  if (!synthesized) {
    synthesized = buildGatewayApp({
      stages: TEST_STAGES,
      context: cdkJsonContext(),
      outdir: cdkOutdir('gateway-cdk-'),
    });
    for (const stage of synthesized.stages) stage.synth();
  }
  return synthesized;
}

export function stage(name: string): GatewayStage {
  const found = synthesizedGateway().stages.find((candidate) => candidate.config.name === name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

const templates = new Map<Stack, Template>();
export function templateOf(stack: Stack): Template {
  let template = templates.get(stack);
  if (!template) {
    template = Template.fromStack(stack);
    templates.set(stack, template);
  }
  return template;
}

export function allStacks(): Stack[] {
  return synthesizedGateway().stages.flatMap((s) => s.node.children.filter((child): child is Stack => Stack.isStack(child)));
}

export type CfnResource = { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

export function resourcesOf(stack: Stack, type: string): Array<[string, CfnResource]> {
  return Object.entries(templateOf(stack).findResources(type) as Record<string, CfnResource>);
}

/** Every API Gateway method of a stack as `METHOD /path`, with its properties. */
export function apiRoutes(stack: Stack): Map<string, Record<string, unknown>> {
  const resources = new Map(resourcesOf(stack, 'AWS::ApiGateway::Resource'));
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    const resource = id ? resources.get(id) : undefined;
    if (!resource) return ''; // the API root
    return `${pathOf(resource.Properties?.ParentId)}/${String(resource.Properties?.PathPart)}`;
  };
  const routes = new Map<string, Record<string, unknown>>();
  for (const [, method] of resourcesOf(stack, 'AWS::ApiGateway::Method')) {
    const props = method.Properties ?? {};
    routes.set(`${String(props.HttpMethod)} ${pathOf(props.ResourceId) || '/'}`, props);
  }
  return routes;
}
