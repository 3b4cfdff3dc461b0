import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';
import { pollMentions, type PollMentionsConfig, type PollResult } from '../../core/x/poll-mentions.ts';
import type { PollerMetrics } from '../../core/x/ports.ts';
import { DynamoXMentionEdits } from '../dynamodb/x-mention-edits.ts';
import { DynamoXPollerStateRepository } from '../dynamodb/x-poller-state-repository.ts';
import { TwitterApiV2MentionsSource } from './twitter-api-v2-source.ts';
import { createXClient } from './x-client.ts';
import type { XCredentials } from './x-credentials.ts';
import { mentionToInbound } from '../../channels/x/mention-to-inbound.ts';

export interface XPollerParts {
  db: DynamoDBDocumentClient;
  tableName: string;
  intake: IntakeQueue;
  credentials: XCredentials;
  accountId: string;
  apiBaseUrl?: string;
  monthlyReadBudget: number;
  /** `owner` (default): read as the city account when its OAuth 1.0a keys are stored (Owned Reads); `app`: the bearer token. */
  readAs?: 'owner' | 'app';
  metrics: PollerMetrics;
  clock: Clock;
  log: Log;
  /** Page size, page cap, lease length; defaults in poll-mentions.ts. */
  tuning?: Pick<PollMentionsConfig, 'pageSize' | 'maxPages' | 'leaseSeconds'>;
}

export interface XPoller {
  /** One poll; `owner` names the run holding the lease (Lambda request id, local timer tick). */
  pollOnce(owner: string): Promise<PollResult>;
}

/** The same poller for Lambda (wiring/x-poller.ts) and the local gateway (embedded DynamoDB, local queue). */
export function buildXPoller(parts: XPollerParts): XPoller {
  const mode = parts.readAs === 'app' ? 'read' : 'owned-read';
  const { appKey, appSecret, accessToken, accessSecret } = parts.credentials;
  if (mode === 'owned-read' && !(appKey && appSecret && accessToken && accessSecret)) {
    parts.log.warn('x mentions read with the app bearer token: store the city account OAuth 1.0a keys to be billed Owned Reads', { accountId: parts.accountId });
  }
  const client = createXClient(parts.credentials, { mode, ...(parts.apiBaseUrl ? { apiBaseUrl: parts.apiBaseUrl } : {}) });
  const deps = {
    source: new TwitterApiV2MentionsSource(client, parts.accountId, parts.clock),
    toInbound: mentionToInbound,
    state: new DynamoXPollerStateRepository(parts.db, parts.tableName, parts.accountId),
    queue: parts.intake,
    edits: new DynamoXMentionEdits(parts.db, parts.tableName),
    metrics: parts.metrics,
    clock: parts.clock,
    log: parts.log,
  };
  const config: PollMentionsConfig = { accountId: parts.accountId, monthlyReadBudget: parts.monthlyReadBudget, ...parts.tuning };
  return { pollOnce: (owner) => pollMentions(deps, config, owner) };
}
