import { z } from 'zod';
import { SlotScheduleSchema } from '../../schemas/reservation-schedule.ts';
import { XApiConfigSchema, xPollRateIssue } from './x-api-config.ts';
import { KOREAN_PUBLIC_HOLIDAYS } from './public-holidays.ts';

/** CloudWatch Logs only accepts these retention periods (days). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const E164 = /^\+[1-9]\d{6,14}$/;

/** Amazon Connect resource id (the last segment of its ARN). */
const ConnectIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const ThrottleSchema = z.strictObject({
  rateLimit: z.number().positive(),
  burstLimit: z.number().int().positive(),
});

/** An Amazon Connect prompt (console: Routing > Prompts, or `aws connect create-prompt`). */
const PromptArnSchema = z.string().regex(/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]+\/prompt\/[A-Za-z0-9-]+$/, {
  message: 'must be an Amazon Connect prompt ARN (arn:aws:connect:<region>:<account>:instance/<id>/prompt/<id>)',
});

/** Every sentence the flows speak in a language (lib/contact-flows/speech.ts RecordedPrompts): all or none. */
const RecordedPromptsSchema = z.strictObject({
  pleaseWait: PromptArnSchema,
  afterHours: PromptArnSchema,
  queueFull: PromptArnSchema,
  happyCallMenu: PromptArnSchema,
  happyCallOptOutConfirmed: PromptArnSchema,
  happyCallGoodbye: PromptArnSchema,
  happyCallBusy: PromptArnSchema,
  /** The SMS status-notices offer (optional: without it the offer is not made in that language). */
  smsNoticesMenu: PromptArnSchema.optional(),
});

/**
 * Unknown keys fail, at every level: a misspelt setting (`recordedPrompt`) must stop synthesis
 * rather than be dropped and leave the stage running on a default nobody chose.
 */
export const StageConfigSchema = z
  .strictObject({
    /** Stage name: prefix of every stack (`dev/Stateful`) and the API stage name. */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
    /** Production stages refuse a destroy removal policy (see superRefine below). */
    production: z.boolean(),
    /** Leave both unset for an environment-agnostic stage (deploys to the CLI's credentials). */
    account: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .optional(),
    logRetentionDays: z.number().refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
    }),
    /**
     * Applies to buckets, secrets and log groups. The complaint table and its key are always
     * retained: they are the public record.
     */
    removalPolicy: z.enum(['retain', 'destroy']),
    /** Which SMS provider replies leave through. Both inbound paths are always deployed. */
    smsSender: z.enum(['twilio', 'aws-eum']),
    /** End User Messaging origination identity (phone number, pool or sender id ARN). */
    eumOriginationIdentityArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|pool|sender-id)\/.+$/)
      .optional(),
    /** Twilio number replies are sent from (E.164). */
    twilioFromNumber: z.string().regex(E164).optional(),
    /**
     * Origin Twilio signs (scheme://host, no path, no trailing slash), e.g. a custom domain.
     * Unset: the execute-api origin of the SMS webhook API.
     */
    publicBaseUrl: z
      .string()
      .regex(/^https:\/\/[a-z0-9.-]+(:\d+)?$/i)
      .optional(),
    /**
     * Media origins beyond Twilio's own documented ones that the pipeline may fetch MMS media
     * from (another provider's media host): `https://host[:port]` or `https://*.domain`.
     */
    mediaAllowedOrigins: z.array(z.string().regex(/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i)).default([]),
    /** Subscribed to the operations alarm topic when set. */
    alarmEmail: z.email().optional(),
    smsWebhookThrottle: ThrottleSchema.default({ rateLimit: 50, burstLimit: 100 }),
    complaintsApiThrottle: ThrottleSchema.default({ rateLimit: 20, burstLimit: 40 }),
    /**
     * Sets the region's API Gateway CloudWatch Logs role (an account-wide singleton). Stages
     * sharing an account may all set it: each role is retained, so whichever wrote last stays valid.
     */
    manageApiGatewayAccount: z.boolean().default(true),
    /** X mentions channel: the city's numeric X user id; the channel is deployed only when set. */
    xAccountId: z
      .string()
      .regex(/^[0-9]{1,20}$/)
      .optional(),
    /** Posts the poller may read per calendar month (X bills per post read); the poll stops there. */
    xMonthlyReadBudget: z.number().int().positive().default(10_000),
    /** Minutes between polls; unset, the fastest `xApi.tier` allows (x-api-config.ts). */
    xPollRateMinutes: z.number().int().min(1).max(60).optional(),
    /** Private channels the invitation names when a public X reply is refused for personal data. */
    xReplyPrivateSms: z
      .string()
      .regex(/^\+?[0-9][0-9-]{1,19}$/)
      .default('120'),
    xReplyPrivateChatUrl: z.url().optional(),
    /** The city's own published phone numbers / e-mail addresses: allowed in public X replies. */
    xReplyAllowedContacts: z.array(z.string().min(1)).default([]),
    // ---- X API access (issue 14): tier, read credential, budgets. Its own block, schema in x-api-config.ts. ----
    xApi: XApiConfigSchema,
    /** An existing Amazon Connect instance to import (its ARN); unset, the Voice stack creates a new instance. */
    connectInstanceArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]+$/)
      .optional(),
    /**
     * The imported instance's alias (its URL is https://<alias>.my.connect.aws): the counselor
     * workspace app lets only that origin frame it. Required with `connectInstanceArn`.
     */
    connectInstanceAlias: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,60}[a-z0-9])?$/, { message: 'an Amazon Connect instance alias: lowercase letters, digits and hyphens' })
      .optional(),
    /**
     * Issue 3: sign-language video counselling reservations; the stack is deployed only when set.
     * Connect ids not given here come from the voice stack once it exposes them; the instance is
     * `connectInstanceArn`.
     */
    /**
     * Recorded prompts for the languages Amazon Polly has no voice for (Vietnamese, Mongolian).
     * Without them those languages run counselor-first (ADR 0005); the others are spoken by Polly.
     */
    recordedPrompts: z.strictObject({ vi: RecordedPromptsSchema.optional(), mn: RecordedPromptsSchema.optional() }).optional(),
    /** A recorded multilingual foreign-language menu; unset, the menu is English speech. */
    foreignMenuPromptArn: PromptArnSchema.optional(),
    signLanguageReservations: z
      .strictObject({
        /** Flow that sets the working queue from the task's `queueId` attribute and transfers to it. */
        contactFlowId: ConnectIdSchema.optional(),
        /** The sign-language queue the flow routes the task to. */
        queueId: ConnectIdSchema.optional(),
        /** Counselling timetable (RESERVATION_SCHEDULE); unset fields take the documented defaults. */
        schedule: z.optional(SlotScheduleSchema),
        /** Minutes between sweeps (stale pending bookings, owed notices, abandoned seats). */
        sweepRateMinutes: z.number().int().min(1).max(60).default(5),
        reservationsApiThrottle: ThrottleSchema.default({ rateLimit: 10, burstLimit: 20 }),
      })
      .optional(),
    /** Issue 12: the Open311 GeoReport v2 API (docs/channels/open311.md); deployed only when set. */
    open311: z
      .strictObject({
        /** The jurisdiction_id the API serves (the city's web domain, as the spec suggests). */
        jurisdictionId: z.string().min(1).default('seoul.go.kr'),
        /**
         * The api_key of the city's own site. It is in every visitor's browser: it names the app
         * (rate limits, records), it proves nothing. Partner apps' keys live in the API's secret.
         */
        webClientKey: z.string().min(16),
        /** The API's public base URL (custom domain); unset, the execute-api URL of each request. */
        publicBaseUrl: z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)*$/i).optional(),
        /** Origins a media_url may be fetched from (https://host[:port], https://*.domain); none by default. */
        mediaAllowedOrigins: z.array(z.string().regex(/^https:\/\/(\*\.)?[a-z0-9.-]+(:\d{1,5})?$/i)).default([]),
        throttle: ThrottleSchema.default({ rateLimit: 50, burstLimit: 100 }),
        /** Requests per 5 minutes per client IP (WAF), every route. */
        requestsPerIp: z.number().int().min(10).max(2_000_000_000).default(1000),
      })
      .optional(),
    /** Issue 3: accessible chat channel (WebSocket chat, chat accounts, citizen page); deployed only when set. */
    chatChannel: z
      .strictObject({
        throttle: ThrottleSchema.default({ rateLimit: 20, burstLimit: 40 }),
        /** Accounts API requests per 5 minutes per client IP (WAF). */
        accountRequestsPerIp: z.number().int().min(10).max(2_000_000_000).default(100),
        /** Stage throttling of the self-service answers API. */
        answersThrottle: ThrottleSchema.default({ rateLimit: 50, burstLimit: 100 }),
        /** Answers API requests per 5 minutes per client IP (WAF); the function's own window is 60 a minute per address. */
        answerRequestsPerIp: z.number().int().min(10).max(2_000_000_000).default(600),
      })
      .optional(),

    // --- Civil-petition deadlines (issue 12, docs/operations/deadlines.md) ---------------------
    /**
     * Public holidays processing periods do not count (KST days), with a name each. Default: the
     * national table in ./public-holidays.ts; add temporary holidays there, or here per stage.
     */
    publicHolidays: z
      .array(z.object({ date: z.iso.date(), name: z.string().min(1) }))
      .refine((days) => new Set(days.map((day) => day.date)).size === days.length, { message: 'a day is listed twice' })
      .default(() => [...KOREAN_PUBLIC_HOLIDAYS]),
    // --- end of civil-petition deadlines ----------------------------------------------------------
  })
  .superRefine((config, ctx) => {
    if (config.production && config.removalPolicy !== 'retain') {
      ctx.addIssue({ code: 'custom', path: ['removalPolicy'], message: 'production stages must retain stateful resources' });
    }
    if (config.smsSender === 'aws-eum' && !config.eumOriginationIdentityArn) {
      ctx.addIssue({
        code: 'custom',
        path: ['eumOriginationIdentityArn'],
        message: "smsSender 'aws-eum' needs the origination identity ARN replies are sent from",
      });
    }
    // Chat codes and reservation notices go out as SMS from the stage's sender: Twilio needs a number.
    if ((config.chatChannel || config.signLanguageReservations) && config.smsSender === 'twilio' && !config.twilioFromNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['twilioFromNumber'],
        message: 'the chat channel and sign-language reservations send SMS: set the Twilio number they are sent from',
      });
    }
    if (config.connectInstanceArn && !config.connectInstanceAlias) {
      ctx.addIssue({
        code: 'custom',
        path: ['connectInstanceAlias'],
        message: "an imported Connect instance needs its alias: the counselor workspace app may be framed only by the instance's own origin",
      });
    }
    const xPollRate = xPollRateIssue(config);
    if (xPollRate) ctx.addIssue({ code: 'custom', path: ['xPollRateMinutes'], message: xPollRate });
    if ((config.account === undefined) !== (config.region === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['account'], message: 'set account and region together, or neither' });
    }
  });

export type StageConfigInput = z.input<typeof StageConfigSchema>;
export type StageConfig = z.output<typeof StageConfigSchema>;

/** Parses one stage config, failing with every problem listed and the stage named. */
export function parseStageConfig(input: StageConfigInput): StageConfig {
  const result = StageConfigSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid stage config '${String(input.name)}':\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}
