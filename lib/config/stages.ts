import { parseStageConfig, type StageConfig, type StageConfigInput } from './stage-config.ts';

/**
 * The deployable stages. Account and region are left unset so `cdk synth` works offline and
 * each stage deploys to whatever the operator's credentials point at; pin them here (or in a
 * fork of this file) when one account must never receive another stage's stacks.
 */
const STAGE_INPUTS: readonly StageConfigInput[] = [
  {
    name: 'dev',
    production: false,
    logRetentionDays: 14,
    removalPolicy: 'destroy',
    smsSender: 'twilio',
    smsWebhookThrottle: { rateLimit: 10, burstLimit: 20 },
    complaintsApiThrottle: { rateLimit: 5, burstLimit: 10 },
    // PLACEHOLDER: Twilio's test "from" number, valid only with Twilio test credentials. Replace it
    // with the city's Twilio number before relying on chat verification codes or reservation notices.
    twilioFromNumber: '+15005550006',
    // Optional channels on in dev, so `cdk synth` and the whole-app cdk-nag test cover them. The
    // reservations need no Connect ids here: tasks start in the voice stack's contact center, in its
    // generated sign-language task flow and queue (set connectInstanceArn /
    // signLanguageReservations.contactFlowId / .queueId only to use other ones).
    chatChannel: {},
    signLanguageReservations: {},
    // PLACEHOLDER web key: it sits in every visitor's browser (an app id, not a secret); set the city's own.
    open311: { webClientKey: 'dev-open311-web-client-key' },
    // X stays off in shipped stages: xAccountId must be the city's real numeric X user id.
  },
  {
    name: 'prod',
    production: true,
    logRetentionDays: 365,
    removalPolicy: 'retain',
    smsSender: 'twilio',
  },
];

export const STAGES: readonly StageConfig[] = STAGE_INPUTS.map(parseStageConfig);

export function stageByName(name: string): StageConfig {
  const stage = STAGES.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`Unknown stage '${name}'; known: ${STAGES.map((s) => s.name).join(', ')}`);
  return stage;
}
