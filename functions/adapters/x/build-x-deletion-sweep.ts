import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import { billingMonth } from '../../core/x/poll-mentions.ts';
import type { PollerMetrics } from '../../core/x/ports.ts';
import { redactDeletedMentions, type RedactionResult } from '../../core/x/redact-deleted-mentions.ts';
import { DynamoXPollerStateRepository } from '../dynamodb/x-poller-state-repository.ts';
import { DynamoXStoredMentions } from '../dynamodb/x-stored-mentions.ts';
import { createXClient } from './x-client.ts';
import type { XCredentials } from './x-credentials.ts';
import { TwitterApiV2TweetLookup } from './x-tweet-lookup.ts';

export interface XDeletionSweepParts {
  db: DynamoDBDocumentClient;
  tableName: string;
  credentials: XCredentials;
  accountId: string;
  apiBaseUrl?: string;
  /** Shared with the poller: lookups are billed reads too. */
  monthlyReadBudget: number;
  /** KST days of X complaints re-checked per sweep. */
  windowDays: number;
  metrics: Pick<PollerMetrics, 'readBudgetExhausted'>;
  clock: Clock;
  log: Log;
}

export interface XDeletionSweep {
  sweepOnce(): Promise<RedactionResult>;
}

/** The same sweep for the scheduled Lambda (wiring/x-deletion-sweep.ts) and the local gateway (POST /x/redaction-sweep). */
export function buildXDeletionSweep(parts: XDeletionSweepParts): XDeletionSweep {
  const client = createXClient(parts.credentials, { mode: 'read', ...(parts.apiBaseUrl ? { apiBaseUrl: parts.apiBaseUrl } : {}) });
  const deps = {
    lookup: new TwitterApiV2TweetLookup(client, parts.clock),
    budget: new DynamoXPollerStateRepository(parts.db, parts.tableName, parts.accountId),
    clock: parts.clock,
    log: parts.log,
  };
  return {
    sweepOnce: async () => {
      // A fresh listing per sweep: the adapter remembers where each listed mention lives.
      const stored = new DynamoXStoredMentions(parts.db, parts.tableName, { windowDays: parts.windowDays, clock: parts.clock });
      const result = await redactDeletedMentions({ ...deps, stored }, { monthlyReadBudget: parts.monthlyReadBudget });
      if (result.outcome === 'budget-exhausted') parts.metrics.readBudgetExhausted(billingMonth(parts.clock.now()), parts.monthlyReadBudget);
      return result;
    },
  };
}
