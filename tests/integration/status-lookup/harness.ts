import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalFolderDigestStore } from '../../../functions/adapters/audit/local-folder-digest-store.ts';
import { DynamoAuditStore } from '../../../functions/adapters/dynamodb/audit-store.ts';
import { ensureAuditTable } from '../../../functions/adapters/dynamodb/audit-table.ts';
import { DynamoLookupGuard } from '../../../functions/adapters/dynamodb/lookup-guard.ts';
import { listAccessRecords } from '../../../functions/core/audit/list-records.ts';
import type { AuditTrailDeps } from '../../../functions/core/audit/deps.ts';
import { citizenLookupRecorder } from '../../../functions/core/audit/record-citizen-lookup.ts';
import { DEFAULT_REVIEW_POLICY } from '../../../functions/core/audit/review-model.ts';
import type { StatusLookupDeps } from '../../../functions/core/status-lookup/lookup-status.ts';
import { startHarness, type Harness } from '../intake/harness.ts';
import { noticeWorld, type NoticeWorld } from '../notices/harness.ts';

export interface LookupHarness extends Harness {
  audit: AuditTrailDeps;
  /** Lookup deps as one Lambda container builds them; each call is another container (own guard instance). */
  lookupDeps(world: NoticeWorld): StatusLookupDeps;
  lookupsRecorded(): Promise<Awaited<ReturnType<typeof listAccessRecords>>['records']>;
}

/** The complaint table and an audit table on one embedded store, as a stage has both. */
export async function startLookupHarness(): Promise<LookupHarness> {
  const harness = await startHarness();
  const auditTable = `audit-${randomUUID().slice(0, 8)}`;
  await ensureAuditTable(harness.table.client, auditTable);
  const digestDir = mkdtempSync(join(tmpdir(), 'lookup-digests-'));
  const world = noticeWorld(harness);
  const audit: AuditTrailDeps = {
    store: new DynamoAuditStore(harness.documents, auditTable),
    digests: new LocalFolderDigestStore(digestDir),
    clock: world.clock,
    shards: 4,
    policy: DEFAULT_REVIEW_POLICY,
  };
  return {
    ...harness,
    audit,
    lookupDeps: (w) => ({
      repository: harness.repository,
      guard: new DynamoLookupGuard(harness.documents, harness.table.tableName),
      recorder: citizenLookupRecorder({ ...audit, clock: w.clock }),
      pii: harness.pii,
      clock: w.clock,
      log: w.log,
    }),
    lookupsRecorded: async () => (await listAccessRecords({ ...audit, clock: world.clock }, { action: 'status.lookup', limit: '100', from: '2026-01-01', to: '2029-12-31' })).records,
    close: async () => {
      await harness.close();
      rmSync(digestDir, { recursive: true, force: true });
    },
  };
}
