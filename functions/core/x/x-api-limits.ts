/*
 * X API v2 request limits per access tier, as documented (docs.x.com x-api/fundamentals/rate-limits;
 * the Free/Basic/Pro columns are from the same page before pay-per-use pricing, 2025-12).
 * Requests per 15-minute window, per app (bearer token) and per user (user context); every
 * endpoint keeps its own window. The poll schedule is derived from these numbers so that one
 * poll per tick never exceeds the window of the credential it polls with.
 */

export const X_API_TIER_NAMES = ['pay-per-use', 'pro', 'basic', 'free'] as const;
export type XApiTier = (typeof X_API_TIER_NAMES)[number];

/** Which window applies: the app's (OAuth 2.0 app-only) or the user's (OAuth 1.0a / 2.0 user context). */
export type XAuthScope = 'app' | 'user';

interface EndpointLimit {
  app: number;
  user: number;
}

export interface XTierLimits {
  /** GET /2/users/:id/mentions per 15 min. */
  mentions: EndpointLimit;
  /** GET /2/tweets (lookup) per 15 min. */
  lookup: EndpointLimit;
  /** POST /2/compliance/jobs per 15 min (app only). */
  complianceJobs: number;
}

export const X_API_TIERS: Readonly<Record<XApiTier, XTierLimits>> = {
  'pay-per-use': { mentions: { app: 450, user: 300 }, lookup: { app: 3500, user: 5000 }, complianceJobs: 150 },
  pro: { mentions: { app: 450, user: 300 }, lookup: { app: 450, user: 900 }, complianceJobs: 150 },
  basic: { mentions: { app: 15, user: 10 }, lookup: { app: 15, user: 15 }, complianceJobs: 15 },
  free: { mentions: { app: 1, user: 1 }, lookup: { app: 1, user: 1 }, complianceJobs: 1 },
};

const WINDOW_MINUTES = 15;

/** Minutes between polls so that one request per poll stays inside the mentions window. */
export function pollRateMinutesFor(tier: XApiTier, scope: XAuthScope): number {
  return Math.max(1, Math.ceil(WINDOW_MINUTES / X_API_TIERS[tier].mentions[scope]));
}

/**
 * A 429 UsageCapExceeded (the app's monthly post cap, or a spent credit balance) does not lift
 * with the 15-minute window: it lifts when the billing cycle resets or an operator raises the
 * cap or buys credits. Reads wait this long before one probe request (a 429 is not billed), and
 * never longer than the start of the next UTC month.
 */
export const USAGE_CAP_BACKOFF_MS = 6 * 60 * 60 * 1000;

export function usageCapRetryAt(now: Date): Date {
  const nextMonth = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return new Date(Math.min(now.getTime() + USAGE_CAP_BACKOFF_MS, nextMonth));
}
