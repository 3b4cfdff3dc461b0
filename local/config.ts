import { resolve } from 'node:path';
import * as z from 'zod';

/** Documented default so a newcomer can sign test webhooks without a Twilio account. */
export const LOCAL_TWILIO_AUTH_TOKEN = 'local-twilio-auth-token';
export const LOCAL_TWILIO_ACCOUNT_SID = 'AC00000000000000000000000000000000';
/** Documented default so a newcomer can sign in as the default staff users; override with LOCAL_USER_PASSWORD. */
export const LOCAL_USER_PASSWORD = 'Local-Passw0rd!';
export const LOCAL_SMS_TOPIC_ARN = 'arn:aws:sns:ap-northeast-2:000000000000:local-two-way-sms';
/** Documented default key of the citizen site's Open311 client (not a secret: the page holds it). */
export const LOCAL_OPEN311_WEB_KEY = 'local-open311-web-key';
/** Documented default MO webhook signing key, so `npm run sms:mo` works out of the box. */
export const LOCAL_MO_WEBHOOK_SECRET = 'local-mo-webhook-secret-0000000000000000';

const port = z.coerce.number().int().min(0).max(65535);

const LocalEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3120),
  /** Host names (host or host:port, comma-separated) the gateway answers to besides 127.0.0.1, localhost and HOST. */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim()).filter(Boolean)),
  DYNAMODB_PORT: port.default(8120),
  /**
   * Origins allowed to frame the counselor workspace app (CSP frame-ancestors), comma-separated:
   * a local stand-in for the Amazon Connect agent workspace. Unset: no page may frame it.
   */
  CONSOLE_FRAME_ANCESTORS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'an origin: scheme://host[:port], no path'))),
  /** cognito-local, the staff sign-in stand-in (0 picks a free port). */
  COGNITO_PORT: port.default(9229),
  /** Password of the default staff users (counselor1@example.org, ...), set on every start. */
  LOCAL_USER_PASSWORD: z.string().min(8).default(LOCAL_USER_PASSWORD),
  DATA_DIR: z.string().default('.data'),
  /** Use a DynamoDB-compatible endpoint that is already running instead of embedding dynalite. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  TABLE_NAME: z.string().min(3).default('complaints'),
  /** The audit trail's table on the same store (access records of personal data, ADR 0018). */
  AUDIT_TABLE_NAME: z.string().min(3).default('audit-trail'),
  TWILIO_AUTH_TOKEN: z.string().min(1).default(LOCAL_TWILIO_AUTH_TOKEN),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/).default(LOCAL_TWILIO_ACCOUNT_SID),
  SMS_TOPIC_ARN: z.string().startsWith('arn:').default(LOCAL_SMS_TOPIC_ARN),
  /** MO webhook signing keys (POST /sms/mo): the current one, and the previous one during a rotation. */
  MO_WEBHOOK_SECRET: z.string().min(32).default(LOCAL_MO_WEBHOOK_SECRET),
  MO_WEBHOOK_PREVIOUS_SECRET: z.string().min(32).optional(),
  LIBRETRANSLATE_URL: z.url().optional(),
  LIBRETRANSLATE_API_KEY: z.string().optional(),
  /** 'auto' uses Amazon Translate when AWS credentials are configured, else LibreTranslate or none. */
  TRANSLATOR: z.enum(['auto', 'amazon', 'libretranslate', 'none']).default('auto'),
  AWS_REGION: z.string().default('ap-northeast-2'),
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_PROFILE: z.string().optional(),
  /**
   * Media origins beyond Twilio's own (comma-separated, https://host[:port] or https://*.domain).
   * Twilio credentials only ever go to https://api.twilio.com.
   */
  MEDIA_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  /**
   * Tests only, never for real traffic: lets media be fetched from loopback (127.0.0.1, ::1),
   * over http too, for a fake media server named in MEDIA_ALLOWED_ORIGINS. Only the exact word
   * `true` turns it on.
   */
  MEDIA_ALLOW_LOOPBACK_FOR_TESTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** Open311 api keys of client apps, `name:key` comma-separated; `web` is the citizen site's own. */
  OPEN311_API_KEYS: z.string().default(`web:${LOCAL_OPEN311_WEB_KEY}`),
  OPEN311_JURISDICTION_ID: z.string().min(1).default('seoul.go.kr'),
  /** Origins Open311 media_url links may be fetched from (https://host[:port], comma-separated); none by default. */
  OPEN311_MEDIA_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
  /** X mentions channel: the city's numeric X user id, an app bearer token and the API server. */
  X_ACCOUNT_ID: z.string().regex(/^[0-9]{1,20}$/).optional(),
  X_BEARER_TOKEN: z.string().min(1).optional(),
  X_API_BASE_URL: z.url().optional(),
  X_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(0),
  X_MONTHLY_READ_BUDGET: z.coerce.number().int().positive().default(10_000),
  /**
   * X replies (and Owned Reads of the mentions) use the OAuth 1.0a keys of the city's account:
   * the app's consumer key/secret and the account's access token/secret. Unset: no X replies.
   */
  X_APP_KEY: z.string().min(1).optional(),
  X_APP_SECRET: z.string().min(1).optional(),
  X_ACCESS_TOKEN: z.string().min(1).optional(),
  X_ACCESS_SECRET: z.string().min(1).optional(),
  /** Refused: an OAuth 2.0 user token expires after 2 hours and nothing refreshes it (docs/channels/x.md). */
  X_USER_ACCESS_TOKEN: z.undefined({ error: 'OAuth 2.0 user access tokens expire after 2 hours: set X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET (OAuth 1.0a) instead' }).optional(),
  /** What the private-channel invitation names when a public reply is refused. */
  X_REPLY_PRIVATE_SMS: z.string().regex(/^\+?[0-9][0-9-]{1,19}$/).default('120'),
  X_REPLY_PRIVATE_CHAT_URL: z.url().optional(),
  /** Days of X complaints whose mentions the compliance sweep keeps checking (POST /x/redaction-sweep). */
  X_REDACTION_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(3650),
  /** The compliance sweep's own monthly read budget for lookups (the poller's is X_MONTHLY_READ_BUDGET). */
  X_SWEEP_MONTHLY_READ_BUDGET: z.coerce.number().int().positive().default(2_000),
  /** Milliseconds before a failed local queue message becomes visible again. */
  QUEUE_VISIBILITY_MS: z.coerce.number().int().min(0).default(2000),
  /** How often due reservation work (reminders, Connect tasks) is run, as Scheduler would. */
  RESERVATION_WORK_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** How often held and failed status notices are swept (and 30-day progress notices planned), as the schedules would. */
  NOTICE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Batches the pipeline handles at once, as Lambda scales concurrent SQS pollers. */
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('INFO'),
  /** `starter` loads the knowledge starter set (data/knowledge/) into an empty store on start; `none` loads nothing (tests). */
  KNOWLEDGE_SEED: z.enum(['none', 'starter']).default('starter'),
});

export type LocalConfig = ReturnType<typeof loadLocalConfig>;

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = LocalEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid local gateway configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  const dataDir = resolve(config.DATA_DIR);
  return {
    ...config,
    dataDir,
    publicBaseUrl: (config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, ''),
  };
}
