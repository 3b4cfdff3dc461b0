import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalFolderDigestStore } from '../../../functions/adapters/audit/local-folder-digest-store.ts';
import { DynamoAuditStore } from '../../../functions/adapters/dynamodb/audit-store.ts';
import { ensureAuditTable } from '../../../functions/adapters/dynamodb/audit-table.ts';
import type { AuditTrailDeps } from '../../../functions/core/audit/deps.ts';
import {
  auditComplaintId,
  auditReason,
  citizenKeyHash,
  type AccessRequest,
  type AuditActor,
  type AuditRole,
  type CitizenKeyHash,
} from '../../../functions/core/audit/model.ts';
import { DEFAULT_REVIEW_POLICY } from '../../../functions/core/audit/review-model.ts';
import { embeddedDynamoClient, startEmbeddedDynamo, type EmbeddedDynamo } from '../../../local/embedded-dynamodb.ts';
import { ManualClock } from '../../support/in-memory-ports.ts';

export interface AuditHarness {
  store: EmbeddedDynamo;
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  tableName: string;
  digestDir: string;
  clock: ManualClock;
  deps: AuditTrailDeps;
  close(): Promise<void>;
}

/** An in-memory embedded DynamoDB with a fresh audit table, and a digest folder of its own. */
export async function startAuditHarness(options: { shards?: number } = {}): Promise<AuditHarness> {
  const store = await startEmbeddedDynamo();
  const client = embeddedDynamoClient(store.endpoint);
  const tableName = `audit-${randomUUID().slice(0, 8)}`;
  await ensureAuditTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const digestDir = mkdtempSync(join(tmpdir(), 'audit-digests-'));
  const clock = new ManualClock('2026-03-02T01:00:00.000Z');
  return {
    store,
    client,
    documents,
    tableName,
    digestDir,
    clock,
    deps: {
      store: new DynamoAuditStore(documents, tableName),
      digests: new LocalFolderDigestStore(digestDir),
      clock,
      shards: options.shards ?? 8,
      policy: DEFAULT_REVIEW_POLICY,
    },
    close: async () => {
      client.destroy();
      await store.close();
      rmSync(digestDir, { recursive: true, force: true });
    },
  };
}

export function actor(username: string, role: AuditRole = 'counselor'): AuditActor {
  return { subject: `sub-${username}`, username, role };
}

let requests = 0;

/** A request as API Gateway would describe it, at the clock's time. */
export function request(clock: ManualClock, overrides: Partial<AccessRequest> = {}): AccessRequest {
  requests += 1;
  return { requestId: `req-${requests}-${randomUUID().slice(0, 8)}`, at: clock.now().toISOString(), sourceIp: '203.0.113.7', route: 'GET /api/complaints/{id}', ...overrides };
}

/** A citizen key hash as the PII protector makes them (43 base64url characters). */
export function citizen(n: number): CitizenKeyHash {
  return citizenKeyHash(Buffer.alloc(32, n).toString('base64url').replace(/^./, 'h'));
}

export function complaint(n: number) {
  return auditComplaintId(`cmp_${String(n).padStart(24, '0').replace(/0/g, 'a')}`);
}

export const reason = auditReason;
