import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MemoryIndexObjectStore } from '../../../functions/adapters/knowledge/index-object-stores.ts';
import type { ComplaintDetail } from '../../../functions/core/ports/complaint-repository.ts';
import type { Actor } from '../../../functions/core/knowledge/model.ts';
import { buildKnowledgeBase, buildKnowledgeSearch, type KnowledgeParts } from '../../../functions/wiring/knowledge.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { recordingLog, TestClock } from '../reservations/harness.ts';

export const SUPERVISOR: Actor = { id: 'sup-1', role: 'supervisor' };
export const COUNSELOR: Actor = { id: 'cns-1', role: 'counselor' };

export interface KnowledgeHarness {
  table: TestTable;
  documents: DynamoDBDocumentClient;
  objects: MemoryIndexObjectStore;
  clock: TestClock;
  complaints: Map<string, ComplaintDetail>;
  kb: ReturnType<typeof buildKnowledgeBase>;
  /** Another container on the same table and bucket with the search-only composition (its own cached index). */
  anotherSearch(): ReturnType<typeof buildKnowledgeSearch>;
}

export async function startKnowledgeHarness(): Promise<KnowledgeHarness> {
  const table = await startTestTable();
  const documents = DynamoDBDocumentClient.from(table.client, { marshallOptions: { removeUndefinedValues: true } });
  const objects = new MemoryIndexObjectStore();
  const clock = new TestClock(new Date('2026-03-02T01:00:00.000Z'));
  const complaints = new Map<string, ComplaintDetail>();
  const parts: KnowledgeParts = { documentClient: documents, tableName: table.tableName, objects, clock, log: recordingLog(), indexRefreshMs: 0 };
  const kb = buildKnowledgeBase({ ...parts, complaints: { getComplaintDetail: async (id) => complaints.get(id) ?? null, getComplaint: async (id) => complaints.get(id)?.complaint ?? null } });
  return { table, documents, objects, clock, complaints, kb, anotherSearch: () => buildKnowledgeSearch(parts) };
}

export const ndjson = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

export const ownCase = (caseId: string, title: string, extra: object = {}) => ({
  caseId,
  category: '교통',
  title,
  question: `${title} 문의합니다`,
  answer: `${title}에 대한 안내입니다.`,
  ...extra,
});
