import * as z from '../../../schemas/zod-mini.ts';

/** Environment of the X mention poller; CDK sets the same names (lib/constructs/x-mention-poller.ts). */
export const X_ENV = {
  /** Secrets Manager secret with the X credentials JSON (see x-credentials.ts). */
  secretArn: 'X_SECRET_ARN',
  /** The city's X user id whose mentions are polled. */
  accountId: 'X_ACCOUNT_ID',
  /** Optional. Points the client at another server speaking X API v2 (tests, local gateway); default https://api.x.com. */
  apiBaseUrl: 'X_API_BASE_URL',
  /** Posts the poller may read per calendar month (UTC). */
  monthlyReadBudget: 'X_MONTHLY_READ_BUDGET',
  /** Optional. `owner` (default): read mentions as the city account (Owned Reads); `app`: with the bearer token. */
  readAs: 'X_READ_AS',
  /** Compliance sweep only: KST days of X complaints whose mention copies are kept and checked (default 3650). */
  redactionWindowDays: 'X_REDACTION_WINDOW_DAYS',
  /** Compliance sweep only: its own monthly read budget for lookups (never the poller's). */
  sweepMonthlyReadBudget: 'X_SWEEP_MONTHLY_READ_BUDGET',
  /** Compliance sweep only: `on` (default) uses X batch compliance jobs, `off` lookups alone. */
  complianceJobs: 'X_COMPLIANCE_JOBS',
} as const;

/** Mention copies are checked for as long as they are kept: ten years of complaints by default. */
export const X_MAX_RETENTION_DAYS = 3650;

/** CloudWatch namespace and metric names the poller emits (EMF) and the alarms watch. */
export const X_METRICS = {
  namespace: 'CitizenGateway/X',
  dimension: 'AccountId',
  readBudgetExhausted: 'ReadBudgetExhausted',
  usageCapExceeded: 'UsageCapExceeded',
  rateLimited: 'RateLimited',
  mentionsEnqueued: 'MentionsEnqueued',
} as const;

const XPollerEnvSchema = z.object({
  [X_ENV.secretArn]: z.string().check(z.minLength(1)),
  [X_ENV.accountId]: z.string().check(z.regex(/^[0-9]{1,20}$/, 'an X user id (digits)')),
  [X_ENV.apiBaseUrl]: z.optional(z.url({ protocol: /^https?$/ })),
  [X_ENV.monthlyReadBudget]: z.coerce.number().check(z.int(), z.positive()),
  [X_ENV.readAs]: z._default(z.enum(['owner', 'app']), 'owner'),
});

export interface XPollerEnv {
  secretArn: string;
  accountId: string;
  apiBaseUrl?: string;
  monthlyReadBudget: number;
  readAs: 'owner' | 'app';
}

/** Validates once at cold start; the error names the variables, never their values. */
export function readXPollerEnv(env: NodeJS.ProcessEnv = process.env): XPollerEnv {
  const result = XPollerEnvSchema.safeParse({ ...env, [X_ENV.apiBaseUrl]: env[X_ENV.apiBaseUrl] || undefined, [X_ENV.readAs]: env[X_ENV.readAs] || undefined });
  if (!result.success) {
    throw new Error(`invalid X poller environment: ${result.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`).join(', ')}`);
  }
  const data = result.data;
  const parsed: XPollerEnv = {
    secretArn: data[X_ENV.secretArn],
    accountId: data[X_ENV.accountId],
    monthlyReadBudget: data[X_ENV.monthlyReadBudget],
    readAs: data[X_ENV.readAs],
  };
  const apiBaseUrl = data[X_ENV.apiBaseUrl];
  if (apiBaseUrl !== undefined) parsed.apiBaseUrl = apiBaseUrl;
  return parsed;
}
