import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { kstDay, kstDaysBetween } from '../../core/kst.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import { sweepCompliance, type ComplianceSweepResult } from '../../core/x/compliance-sweep.ts';
import { billingMonth } from '../../core/x/poll-mentions.ts';
import type { PollerMetrics } from '../../core/x/ports.ts';
import { DynamoXPollerStateRepository } from '../dynamodb/x-poller-state-repository.ts';
import { DynamoXStoredMentions } from '../dynamodb/x-stored-mentions.ts';
import { createXClient } from './x-client.ts';
import { TwitterApiV2ComplianceJobs } from './x-compliance-jobs.ts';
import type { XCredentials } from './x-credentials.ts';
import { TwitterApiV2TweetLookup } from './x-tweet-lookup.ts';

export interface XDeletionSweepParts {
  db: DynamoDBDocumentClient;
  tableName: string;
  credentials: XCredentials;
  accountId: string;
  apiBaseUrl?: string;
  /** The sweep's own monthly read budget for lookups: the poller's budget is never touched. */
  monthlyReadBudget: number;
  /** KST days of X complaints whose mentions are kept under compliance checks (as long as copies are kept). */
  windowDays: number;
  /** X batch compliance jobs (app bearer token; every tier has them). @default true */
  complianceJobs?: boolean;
  metrics: Pick<PollerMetrics, 'readBudgetExhausted' | 'usageCapped'>;
  clock: Clock;
  log: Log;
}

export interface XDeletionSweep {
  sweepOnce(): Promise<ComplianceSweepResult>;
}

/** The same sweep for the scheduled Lambda (wiring/x-deletion-sweep.ts) and the local gateway (POST /x/redaction-sweep). */
export function buildXDeletionSweep(parts: XDeletionSweepParts): XDeletionSweep {
  const client = createXClient(parts.credentials, { mode: 'read', ...(parts.apiBaseUrl ? { apiBaseUrl: parts.apiBaseUrl } : {}) });
  const shared = new DynamoXPollerStateRepository(parts.db, parts.tableName, parts.accountId);
  const deps = {
    lookup: new TwitterApiV2TweetLookup(client, parts.clock),
    jobs: parts.complianceJobs === false || parts.credentials.bearerToken === undefined ? null : new TwitterApiV2ComplianceJobs(client, parts.clock),
    state: shared,
    limits: shared,
    budget: new DynamoXPollerStateRepository(parts.db, parts.tableName, parts.accountId, { budgetPool: 'sweep' }),
    clock: parts.clock,
    log: parts.log,
  };
  return {
    sweepOnce: async () => {
      // A fresh listing per sweep: the adapter remembers where each listed mention lives. No
      // complaint day before the oldest mention the poller ever enqueued can hold a copy.
      const { oldestMentionDay } = await shared.getState();
      const reach = oldestMentionDay === undefined ? parts.windowDays : kstDaysBetween(oldestMentionDay, kstDay(parts.clock.now())).length;
      const windowDays = Math.max(1, Math.min(parts.windowDays, reach));
      const stored = new DynamoXStoredMentions(parts.db, parts.tableName, { windowDays, clock: parts.clock });
      const result = await sweepCompliance({ ...deps, stored }, { monthlyReadBudget: parts.monthlyReadBudget });
      if (result.outcome === 'budget-exhausted') parts.metrics.readBudgetExhausted(billingMonth(parts.clock.now()), parts.monthlyReadBudget);
      if (result.outcome === 'usage-capped' && result.retryAfter) parts.metrics.usageCapped(new Date(result.retryAfter));
      return result;
    },
  };
}
