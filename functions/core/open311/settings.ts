import type { RateLimits } from './rate-limits.ts';

/**
 * Defaults shared by both runtimes. The site's own key is shared by every visitor, so the
 * per-address limit is what stops one visitor; a partner app's key is limited as a whole.
 */
export const OPEN311_RATE_LIMITS: RateLimits = { windowMs: 60_000, perSourceIp: 20, perClient: 600 };

export type RateLimitsOverride = Partial<RateLimits>;

/** Service Discovery changeset: bump when services.ts changes. */
export const OPEN311_CHANGESET = '2026-12-07T00:00:00Z';

export const OPEN311_CONTACT = '120 Dasan Call Center, Seoul: dial 120 (+82-2-120 from abroad); api keys for apps through the city open-data office';
