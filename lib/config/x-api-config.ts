import { z } from 'zod';
import { pollRateMinutesFor, X_API_TIER_NAMES, X_API_TIERS } from '../../functions/core/x/x-api-limits.ts';

/**
 * The stage config's X API block (issue 14): which access tier the city's X app is on and
 * which credential reads mentions. The poll schedule derives from the tier's documented
 * limits (functions/core/x/x-api-limits.ts); `xPollRateMinutes` may only slow it down.
 */
export const XApiConfigSchema = z
  .object({
    /** The app's X API access: pay-per-use (self-serve since 2026-02), or a legacy Pro/Basic/Free plan. */
    tier: z.enum(X_API_TIER_NAMES).default('pay-per-use'),
    /**
     * Mentions are read with the city account's own user context (OAuth 1.0a of the app owner):
     * X bills them as Owned Reads and applies the per-user window. `app` reads with the bearer token.
     */
    readAs: z.enum(['owner', 'app']).default('owner'),
    /** X batch compliance jobs for every kept mention (not billed per post; every tier has them). */
    complianceJobs: z.boolean().default(true),
    /** Posts the compliance sweep's lookups may read per month: its own budget, never the poller's. */
    sweepMonthlyReadBudget: z.number().int().positive().default(2_000),
    /** KST days of X complaints whose mention copies are kept and checked (as long as copies are kept). */
    retentionDays: z.number().int().min(1).max(3650).default(3650),
  })
  .default({ tier: 'pay-per-use', readAs: 'owner', complianceJobs: true, sweepMonthlyReadBudget: 2_000, retentionDays: 3650 });

export type XApiConfig = z.output<typeof XApiConfigSchema>;

/** The fastest poll rate the tier allows for the credential mentions are read with. */
export function tierPollRateMinutes(xApi: XApiConfig): number {
  return pollRateMinutesFor(xApi.tier, xApi.readAs === 'owner' ? 'user' : 'app');
}

/** Minutes between polls: the configured rate, or the fastest the tier allows. */
export function xPollRateMinutes(config: { xApi: XApiConfig; xPollRateMinutes?: number | undefined }): number {
  return config.xPollRateMinutes ?? tierPollRateMinutes(config.xApi);
}

/** The superRefine check: a configured rate faster than the tier's window allows is an error. */
export function xPollRateIssue(config: { xApi: XApiConfig; xPollRateMinutes?: number | undefined }): string | undefined {
  const fastest = tierPollRateMinutes(config.xApi);
  if (config.xPollRateMinutes === undefined || config.xPollRateMinutes >= fastest) return undefined;
  const limit = X_API_TIERS[config.xApi.tier].mentions[config.xApi.readAs === 'owner' ? 'user' : 'app'];
  return `xPollRateMinutes ${config.xPollRateMinutes} polls faster than tier '${config.xApi.tier}' allows (${limit} mention requests per 15 min): use ${fastest} or more`;
}
