import { createDynamoSelfServiceStats } from '../adapters/self-service/dynamodb-self-service-stats.ts';
import { createSelfServiceStats } from '../core/self-service/self-service-stats.ts';
import type { KnowledgeParts } from './knowledge-search.ts';

/** Contacts from visits and the day counters (the intake pipeline and the statistics route): no index, no objects. */
export function buildSelfServiceStats(parts: Pick<KnowledgeParts, 'documentClient' | 'tableName' | 'clock' | 'log'>) {
  return createSelfServiceStats({ stats: createDynamoSelfServiceStats(parts.documentClient, parts.tableName), clock: parts.clock, log: parts.log });
}
