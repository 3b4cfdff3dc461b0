import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LocalFolderDigestStore } from '../functions/adapters/audit/local-folder-digest-store.ts';
import { DynamoAuditStore } from '../functions/adapters/dynamodb/audit-store.ts';
import { ensureAuditTable } from '../functions/adapters/dynamodb/audit-table.ts';
import { DEFAULT_SHARDS } from '../functions/core/audit/chain.ts';
import { accessRecorder, type AccessRecorder } from '../functions/core/audit/deps.ts';
import { verifyDay } from '../functions/core/audit/verify-day.ts';
import type { AccessRecord } from '../functions/core/audit/model.ts';
import { kstDay } from '../functions/core/kst.ts';
import { systemClock } from '../functions/core/ports/runtime.ts';
import { loadLocalConfig } from '../local/config.ts';
import { embeddedDynamoClient } from '../local/embedded-dynamodb.ts';
import { startLocalGateway, type LocalGateway } from '../local/gateway.ts';
import { ReadLoadGenerator, type ReadReport } from './read-load.ts';
import { SmsLoadGenerator, absoluteNow } from './sms-load.ts';
import { median, percentile, round, startStoreProcess } from './support.ts';

/*
 * Audit: the intake pipeline's throughput while counselors read complaint details in a loop,
 * with every read recorded in the audit trail and with the records switched off (the same
 * gateway, the same store process), in interleaved pairs; the median ratio is the figure.
 * Then 20 writers append concurrently to one chain (the worst case: no sharding) and the day
 * is verified, as is the day the gateway wrote under load.
 */
const READERS = Number(process.env.BENCH_AUDIT_READERS ?? 20);
const CONTACTS = Number(process.env.BENCH_AUDIT_CONTACTS ?? 400);
const SENDERS = Number(process.env.BENCH_AUDIT_SENDERS ?? 16);
const SEEDED = Number(process.env.BENCH_AUDIT_COMPLAINTS ?? 200);
const REPEAT = Math.max(1, Number(process.env.BENCH_AUDIT_REPEAT ?? 3));
/** At a counselor's pace: each of READERS opens a complaint every PACED_PERIOD_MS, for PACED_SECONDS per side. */
const PACED_PERIOD_MS = Number(process.env.BENCH_AUDIT_PACED_PERIOD_MS ?? 2000);
const PACED_SECONDS = Number(process.env.BENCH_AUDIT_PACED_SECONDS ?? 20);
const WRITERS = 20;
const RECORDS_PER_WRITER = Number(process.env.BENCH_AUDIT_RECORDS_PER_WRITER ?? 25);
const TEXTS = ['불법 주차 신고합니다', 'The streetlight on my road is broken', '垃圾没有收走'];

/** Records for real, or answers at once without touching the store: the baseline. */
class SwitchableRecorder implements AccessRecorder {
  on = true;
  constructor(private readonly real: AccessRecorder) {}
  record: AccessRecorder['record'] = (actor, request, event) => (this.on ? this.real.record(actor, request, event) : Promise.resolve({} as AccessRecord));
  refuse: AccessRecorder['refuse'] = (actor, request, attempt) => (this.on ? this.real.refuse(actor, request, attempt) : Promise.resolve({} as AccessRecord));
}

export interface AuditBenchRun {
  audit: boolean;
  contactsPerSecond: number;
  readsPerSecond: number;
  readMs: { p50: number; p99: number };
  readFailures: number;
}

export interface AuditFigures {
  load: { counselorsReading: number; contactsPerRun: number; concurrentSenders: number; complaints: number; pairs: number };
  withAudit: { contactsPerSecond: number; readsPerSecond: number; readMs: { p50: number; p99: number } };
  withoutAudit: { contactsPerSecond: number; readsPerSecond: number; readMs: { p50: number; p99: number } };
  /** Pipeline contacts/s with audit writes / without (median of the pairs): the target. */
  pipelineRatio: number;
  pipelineRatioRuns: number[];
  /** Counselor reads/s with audit writes / without (median of the pairs), reading back to back. */
  readRatio: number;
  /** Read latency at a counselor's pace, with and without the record. */
  pacedReads: { readsPerSecond: number; withAuditMs: { p50: number; p99: number; reads: number }; withoutAuditMs: { p50: number; p99: number; reads: number } };
  /** The day the gateway wrote under load, verified. */
  dayUnderLoad: { records: number; chains: number; findings: number };
  /** WRITERS concurrent writers (separate recorders) on the default 8 chains and on a single chain. */
  concurrentWriters: WritersFigure[];
}

export interface WritersFigure {
  writers: number;
  shards: number;
  records: number;
  chains: number;
  findings: number;
  /** Every record written, every chain verifies. */
  ok: boolean;
  appendsPerSecond: number;
  error?: string;
}

async function complaintIds(gateway: LocalGateway, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const response = await fetch(`${gateway.url}/api/complaints?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { items: Array<{ complaintId: string }>; nextCursor?: string };
    ids.push(...page.items.map((item) => item.complaintId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * WRITERS writers appending at once, each with its own recorder as separate containers would
 * (so they contend for slots; within one process a recorder queues its own appends), to `shards`
 * chains of a fresh table; then the day is verified.
 */
export async function concurrentWritersFor(endpoint: string, shards: number): Promise<WritersFigure> {
  const client = embeddedDynamoClient(endpoint);
  const tableName = `audit-writers-${randomUUID().slice(0, 8)}`;
  await ensureAuditTable(client, tableName);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const digests = await mkdtemp(join(tmpdir(), 'audit-bench-digests-'));
  const store = new DynamoAuditStore(documents, tableName);
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const recorder = accessRecorder({ store, clock: systemClock, shards });
        for (let i = 0; i < RECORDS_PER_WRITER; i += 1) {
          const request = { requestId: `bench-${writer}-${i}-${randomUUID().slice(0, 8)}`, at: new Date().toISOString(), sourceIp: '203.0.113.1', route: 'GET /api/complaints' };
          await recorder.record({ subject: `sub-${writer}`, username: `counselor${writer}`, role: 'counselor' }, request, { action: 'complaints.list', resultCount: i });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const report = await verifyDay({ store, digests: new LocalFolderDigestStore(digests) }, kstDay(new Date()));
    const expected = WRITERS * RECORDS_PER_WRITER;
    return { writers: WRITERS, shards, records: report.records, chains: report.chains.length, findings: report.findings.length, ok: report.findings.length === 0 && report.records === expected, appendsPerSecond: round(report.records / seconds) };
  } catch (error) {
    return { writers: WRITERS, shards, records: 0, chains: 0, findings: 0, ok: false, appendsPerSecond: 0, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    client.destroy();
    await rm(digests, { recursive: true, force: true });
  }
}

export async function measureAudit(): Promise<AuditFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-bench-audit-'));
  const storeProcess = await startStoreProcess();
  process.once('exit', () => storeProcess.stop());
  const config = loadLocalConfig({ PORT: '0', DYNAMODB_ENDPOINT: storeProcess.endpoint, DATA_DIR: dataDir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none' });
  let recorder: SwitchableRecorder | undefined;
  const gateway = await startLocalGateway(config, {
    instrumentAccess: (real) => {
      recorder = new SwitchableRecorder(real);
      return recorder;
    },
  });
  if (!recorder) throw new Error('the gateway built no access recorder');
  const switchable = recorder;
  gateway.deps.twilioWebhook.publicBaseUrl = gateway.url;
  const readers = new ReadLoadGenerator();
  let stored = 0;
  let lastStoredAt = 0;
  gateway.events.subscribe((event) => {
    if (event.type !== 'message.stored') return;
    stored += 1;
    lastStoredAt = absoluteNow();
  });
  const sms = new SmsLoadGenerator({ gatewayUrl: gateway.url, authToken: config.TWILIO_AUTH_TOKEN, accountSid: config.TWILIO_ACCOUNT_SID, citizens: Math.max(1, CONTACTS / 4), texts: TEXTS }, () => undefined);
  process.once('exit', () => {
    sms.close();
    readers.close();
  });
  try {
    // Complaints for the counselors to read (one citizen each), and a warm-up of both paths.
    await sms.run({ mode: 'closed', firstIndex: 0, count: SEEDED, concurrency: SENDERS, citizenOffset: 900_000 });
    await gateway.queue.whenIdle();
    const token = await gateway.staff.idTokenFor('counselor1@example.org');
    const ids = await complaintIds(gateway, token);
    if (ids.length === 0) throw new Error('no complaints to read');

    const runs: AuditBenchRun[] = [];
    let index = SEEDED;
    for (let pair = 0; pair < REPEAT; pair += 1) {
      // Alternate which side goes first, so drift in the machine's speed reaches both.
      for (const audit of pair % 2 === 0 ? [true, false] : [false, true]) {
        switchable.on = audit;
        await readers.start({ gatewayUrl: gateway.url, token, complaintIds: ids, concurrency: READERS });
        const before = stored;
        const firstSentAt = absoluteNow();
        await sms.run({ mode: 'closed', firstIndex: index, count: CONTACTS, concurrency: SENDERS, citizenOffset: index });
        index += CONTACTS;
        const deadline = performance.now() + 180_000;
        while (stored - before < CONTACTS) {
          if (performance.now() > deadline) throw new Error(`audit bench: not every contact stored within 180 s (${stored - before}/${CONTACTS})`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const contactsPerSecond = CONTACTS / ((lastStoredAt - firstSentAt) / 1000);
        const report: ReadReport = await readers.stop();
        await gateway.queue.whenIdle();
        runs.push({
          audit,
          contactsPerSecond,
          readsPerSecond: report.reads / report.seconds,
          readMs: { p50: percentile(report.latenciesMs, 50), p99: percentile(report.latenciesMs, 99) },
          readFailures: report.failures,
        });
      }
    }
    // A counselor's pace (no intake load): what one read costs in latency when the store is not saturated.
    const paced: Record<'on' | 'off', ReadReport> = { on: { reads: 0, failures: 0, seconds: 0, latenciesMs: [] }, off: { reads: 0, failures: 0, seconds: 0, latenciesMs: [] } };
    for (const audit of [true, false, true, false]) {
      switchable.on = audit;
      await readers.start({ gatewayUrl: gateway.url, token, complaintIds: ids, concurrency: READERS, periodMs: PACED_PERIOD_MS });
      await new Promise((resolve) => setTimeout(resolve, PACED_SECONDS * 500));
      const report = await readers.stop();
      const side = paced[audit ? 'on' : 'off'];
      side.reads += report.reads;
      side.failures += report.failures;
      side.latenciesMs.push(...report.latenciesMs);
    }
    switchable.on = true;
    const day = await verifyDay(auditDepsOf(gateway), kstDay(new Date()));

    const side = (audit: boolean) => runs.filter((run) => run.audit === audit);
    const summary = (audit: boolean) => ({
      contactsPerSecond: round(median(side(audit).map((run) => run.contactsPerSecond))),
      readsPerSecond: round(median(side(audit).map((run) => run.readsPerSecond))),
      readMs: { p50: round(median(side(audit).map((run) => run.readMs.p50)), 2), p99: round(median(side(audit).map((run) => run.readMs.p99)), 2) },
    });
    const pairs = Array.from({ length: REPEAT }, (_, pair) => ({ on: side(true)[pair], off: side(false)[pair] }));
    const pipelineRatios = pairs.map(({ on, off }) => (on && off ? on.contactsPerSecond / off.contactsPerSecond : Number.NaN));
    const readRatios = pairs.map(({ on, off }) => (on && off ? on.readsPerSecond / off.readsPerSecond : Number.NaN));
    const failures = runs.reduce((sum, run) => sum + run.readFailures, 0) + paced.on.failures + paced.off.failures;
    if (failures > 0) throw new Error(`audit bench: ${failures} counselor reads failed`);
    return {
      load: { counselorsReading: READERS, contactsPerRun: CONTACTS, concurrentSenders: SENDERS, complaints: ids.length, pairs: REPEAT },
      withAudit: summary(true),
      withoutAudit: summary(false),
      pipelineRatio: round(median(pipelineRatios), 3),
      pipelineRatioRuns: pipelineRatios.map((ratio) => round(ratio, 3)),
      readRatio: round(median(readRatios), 3),
      pacedReads: {
        readsPerSecond: round((READERS * 1000) / PACED_PERIOD_MS, 1),
        withAuditMs: { p50: percentile(paced.on.latenciesMs, 50), p99: percentile(paced.on.latenciesMs, 99), reads: paced.on.reads },
        withoutAuditMs: { p50: percentile(paced.off.latenciesMs, 50), p99: percentile(paced.off.latenciesMs, 99), reads: paced.off.reads },
      },
      dayUnderLoad: { records: day.records, chains: day.chains.length, findings: day.findings.length },
      concurrentWriters: [await concurrentWritersFor(storeProcess.endpoint, DEFAULT_SHARDS), await concurrentWritersFor(storeProcess.endpoint, 1)],
    };
  } finally {
    sms.close();
    readers.close();
    await gateway.close();
    storeProcess.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The gateway's own audit trail deps, to verify what it wrote. */
function auditDepsOf(gateway: LocalGateway) {
  const documents = DynamoDBDocumentClient.from(embeddedDynamoClient(gateway.dynamoEndpoint));
  return { store: new DynamoAuditStore(documents, gateway.config.AUDIT_TABLE_NAME), digests: new LocalFolderDigestStore(join(gateway.config.dataDir, 'audit')) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureAudit().then(
    (figures) => process.stdout.write(`${JSON.stringify({ bench: 'audit', ...figures })}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
