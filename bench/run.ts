import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ALL_LAMBDA_ENTRIES } from '../lib/function-catalog.ts';
import { loadLocalConfig } from '../local/config.ts';
import { embeddedDynamoClient, ensureComplaintTable } from '../local/embedded-dynamodb.ts';
import { startLocalGateway } from '../local/gateway.ts';
import { BENCH_DIR, measureBundles } from './bundles.ts';
import { FakeXApi } from '../tests/support/fake-x-api.ts';
import { measureChat } from './chat.ts';
import { median, percentile, round, startStoreProcess } from './support.ts';
import { coldStartTargets } from './cold-start-targets.ts';
import { measureAudit } from './audit.ts';
import { auditTargets, withAuditTargets } from './audit-targets.ts';
import { measureKnowledge } from './knowledge.ts';
import { knowledgeColdStart } from './knowledge-targets.ts';
import { SmsLoadGenerator, absoluteNow } from './sms-load.ts';
import { captureDynamoCalls, replayCalls, type CapturedCall } from './capture-dynamo.ts';

/**
 * `npm run bench`: the local pipeline against the storage floor measured in the same run
 * (the very DynamoDB calls the pipeline made, replayed directly on the same embedded store).
 * Throughput and `ratio` come from a saturating closed loop of CONCURRENCY senders posting
 * signed Twilio webhooks; latency percentiles from a fixed open-loop offered rate below
 * capacity (BENCH_RATE, default half the measured throughput). Prints one JSON line.
 */
const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** The floor replays with as many calls in flight as the pipeline can have contacts in flight. */
const FLOOR_CONCURRENCY = CONCURRENCY;
const CITIZENS = Math.max(1, Math.floor(CONTACTS / 4));
/** Pipeline/floor pairs; the median is reported. */
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const WARMUP = 200;
/** Citizens after those of the measured and paced runs. */
const WARMUP_CITIZENS = (REPEAT + 1) * CITIZENS;
const TEXTS = ['불법 주차 신고합니다', 'The streetlight on my road is broken', '垃圾没有收走', 'ゴミが回収されていません', 'Đèn đường bị hỏng', 'Гэрэл ажиллахгүй байна'];

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-bench-'));
  const storeProcess = await startStoreProcess();
  // A failed run (process.exit) must not leave the store or the load generator behind.
  process.once('exit', () => storeProcess.stop());
  const config = loadLocalConfig({
    PORT: '0',
    DYNAMODB_ENDPOINT: storeProcess.endpoint,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'SILENT',
    TRANSLATOR: 'none',
  });
  const calls: CapturedCall[] = [];
  let capturing = false;
  const gateway = await startLocalGateway(config, {
    instrumentDynamo: (client) => captureDynamoCalls(client, { push: (call: CapturedCall) => (capturing ? calls.push(call) : 0) } as CapturedCall[]),
  });
  gateway.deps.twilioWebhook.publicBaseUrl = gateway.url;

  // Latency: the worker reports when a contact left, the gateway when it was stored (either may come first).
  const sentAt = new Map<string, number>();
  const storedFirst = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  let lastStoredAt = 0;
  let target = CONTACTS;
  let reached: () => void = () => undefined;
  const record = (latency: number) => {
    latencies.push(latency);
    if (latencies.length >= target) reached();
  };
  const load: SmsLoadGenerator = new SmsLoadGenerator(
    { gatewayUrl: gateway.url, authToken: config.TWILIO_AUTH_TOKEN, accountSid: config.TWILIO_ACCOUNT_SID, citizens: CITIZENS, texts: TEXTS },
    (messageId, at) => {
      if (!measuring) return;
      const stored = storedFirst.get(messageId);
      if (stored === undefined) sentAt.set(messageId, at);
      else {
        storedFirst.delete(messageId);
        record(stored - at);
      }
    },
  );
  process.once('exit', () => load.close());
  gateway.events.subscribe((event) => {
    if (event.type !== 'message.stored' || !measuring) return;
    const now = absoluteNow();
    lastStoredAt = now;
    const t0 = sentAt.get(event.messageId);
    if (t0 === undefined) storedFirst.set(event.messageId, now);
    else {
      sentAt.delete(event.messageId);
      record(now - t0);
    }
  });
  const until = (count: number, seconds: number, what: string) => {
    target = count;
    return Promise.race([
      new Promise<void>((resolve) => {
        reached = resolve;
        if (latencies.length >= count) resolve();
      }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not every contact stored within ${seconds} s`)), seconds * 1000).unref()),
    ]);
  };

  // Warm-up: JIT, connection pools, table pages; not measured (citizens of its own).
  await load.run({ mode: 'closed', firstIndex: 0, count: WARMUP, concurrency: WARMUP, citizenOffset: WARMUP_CITIZENS });
  await gateway.queue.whenIdle();

  // REPEAT pairs of (pipeline run, floor replay of that run's calls), interleaved so drift in the
  // machine's speed reaches both sides; each run has citizens of its own, so every run has the
  // same mix of new complaints and follow-ups. Figures are medians, the ratios are all printed.
  const direct = embeddedDynamoClient(gateway.dynamoEndpoint);
  const runs: Array<{ pipelineRate: number; floorRate: number; ratio: number; conditionalFailures: number; callsPerContact: number }> = [];
  let saturatedLatencies: number[] = [];
  for (let rep = 0; rep < REPEAT; rep += 1) {
    calls.length = 0;
    latencies.length = 0;
    capturing = true;
    measuring = true;
    const firstSentAt = absoluteNow();
    await load.run({ mode: 'closed', firstIndex: rep * CONTACTS, count: CONTACTS, concurrency: CONCURRENCY, citizenOffset: rep * CITIZENS });
    await until(CONTACTS, 180, `saturated run ${rep + 1}`);
    capturing = false;
    measuring = false;
    const pipelineRate = CONTACTS / ((lastStoredAt - firstSentAt) / 1000);
    if (rep === 0) saturatedLatencies = [...latencies];
    await gateway.queue.whenIdle();

    // Storage floor: the same calls, replayed directly on a fresh table of the same store.
    const table = `storage-floor-${rep + 1}`;
    await ensureComplaintTable(direct, table);
    const floorStart = performance.now();
    const conditionalFailures = await replayCalls(direct, calls, table, FLOOR_CONCURRENCY);
    const floorRate = CONTACTS / ((performance.now() - floorStart) / 1000);
    runs.push({ pipelineRate, floorRate, ratio: pipelineRate / floorRate, conditionalFailures, callsPerContact: calls.length / CONTACTS });
  }
  direct.destroy();
  const pipelineRate = median(runs.map((run) => run.pipelineRate));
  const floorRate = median(runs.map((run) => run.floorRate));
  const ratio = median(runs.map((run) => run.ratio));

  // Latency under a fixed offered rate below capacity: open loop, one contact every 1/rate s.
  const offeredRate = Number(process.env.BENCH_RATE ?? Math.max(5, Math.floor(pipelineRate * 0.5)));
  const paced = Math.min(CONTACTS, Math.max(50, Math.round(offeredRate * 10)));
  latencies.length = 0;
  measuring = true;
  await load.run({ mode: 'paced', firstIndex: REPEAT * CONTACTS, count: paced, ratePerSecond: offeredRate, citizenOffset: REPEAT * CITIZENS });
  await until(paced, 60, 'paced run').catch(() => undefined);
  measuring = false;
  load.close();
  const pacedLatencies = [...latencies];

  await gateway.close();
  storeProcess.stop();
  await rm(dataDir, { recursive: true, force: true });

  // BENCH_ONLY=pipeline skips the mentions and bundle phases (profiling the pipeline alone).
  const pipelineOnly = process.env.BENCH_ONLY === 'pipeline';
  const mentions = pipelineOnly ? { mentions: 0, polls: 0, mentionsPerSecond: 0 } : await measureMentions();
  const chat = pipelineOnly ? null : await measureChat();
  const audit = pipelineOnly ? undefined : await measureAudit();
  const bundles = pipelineOnly ? undefined : await measureBundles(ALL_LAMBDA_ENTRIES, join(BENCH_DIR, 'bundles'));
  // 13,000 generated cases: index build, size, cold load, search against a linear scan, recall@3 (bench/knowledge.ts).
  const knowledge = pipelineOnly ? null : await measureKnowledge();
  const result = {
    bench: 'sms-pipeline',
    offeredLoad: { contacts: CONTACTS, concurrentSenders: CONCURRENCY, citizens: CITIZENS },
    contactsPerSecond: round(pipelineRate),
    ingestToStoredMs: {
      offeredPerSecond: offeredRate,
      contacts: pacedLatencies.length,
      p50: percentile(pacedLatencies, 50),
      p99: percentile(pacedLatencies, 99),
    },
    saturatedIngestToStoredMs: { p50: percentile(saturatedLatencies, 50), p99: percentile(saturatedLatencies, 99) },
    storageFloor: {
      contactsPerSecond: round(floorRate),
      dynamoCallsPerContact: round(median(runs.map((run) => run.callsPerContact)), 2),
      conditionalChecksFailed: runs.reduce((sum, run) => sum + run.conditionalFailures, 0),
      callsInFlight: FLOOR_CONCURRENCY,
    },
    ratio: round(ratio, 3),
    ratioRuns: runs.map((run) => round(run.ratio, 3)),
    xMentions: { ...mentions, ratioToStorageFloor: round(mentions.mentionsPerSecond / floorRate, 3) },
    ...(chat ? { chat: { ...chat, ratioToStorageFloor: round(chat.messagesPerSecond / floorRate, 3) } } : {}),
    ...(audit ? { audit } : {}),
    ...(knowledge
      ? {
          knowledge: {
            ...knowledge,
            coldStart: knowledgeColdStart(bundles?.figures.find((figure) => figure.function === 'knowledge-search'), bundles?.sdkFloor, {
              indexGzipKb: knowledge.indexGzipKb,
              indexLoadCpuMs: knowledge.coldIndexLoadCpuMs,
            }),
          },
        }
      : {}),
    ...(bundles
      ? {
          moduleLoadBaselineMs: bundles.baselineLoadMs,
          sdkFloorBundle: bundles.sdkFloor,
          functions: bundles.figures.map((figure) => ({ ...figure, moduleLoadVsBaseline: round(figure.moduleLoadMs / bundles.baselineLoadMs, 2) })),
        }
      : {}),
    targets: withAuditTargets(coldStartTargets(bundles?.figures, round(ratio, 3)), auditTargets(audit)),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Mentions/s through the real poller (twitter-api-v2 against a local X API v2 server) into stored complaints. */
async function measureMentions(): Promise<{ mentions: number; polls: number; mentionsPerSecond: number }> {
  const city = '1500000000000000000';
  const count = Number(process.env.BENCH_MENTIONS ?? 800);
  const x = await FakeXApi.start({ accountId: city });
  const mention = (i: number) => {
    const id = (1866503928398045184n + BigInt(i)).toString();
    const author = { id: String(1000 + (i % 200)), username: `citizen${i % 200}`, name: `Citizen ${i % 200}` };
    x.addMention({ id, text: `@seoul_city ${TEXTS[i % TEXTS.length]} #${i}`, author_id: author.id, conversation_id: id, created_at: new Date().toISOString() }, author);
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'gateway-bench-x-'));
  const storeProcess = await startStoreProcess();
  // A failed run (process.exit) must not leave the store or the load generator behind.
  process.once('exit', () => storeProcess.stop());
  const config = loadLocalConfig({
    PORT: '0', DYNAMODB_ENDPOINT: storeProcess.endpoint, DATA_DIR: dataDir, LOG_LEVEL: 'SILENT', TRANSLATOR: 'none',
    X_ACCOUNT_ID: city, X_BEARER_TOKEN: 'bench', X_API_BASE_URL: x.baseUrl, X_MONTHLY_READ_BUDGET: String(count * 10),
  });
  const gateway = await startLocalGateway(config);
  // A first poll with no cursor reads only the newest page (no backfill): it sets the cursor.
  mention(0);
  await fetch(`${gateway.url}/x/poll`, { method: 'POST' });
  await gateway.queue.whenIdle();
  for (let i = 1; i <= count; i += 1) mention(i);
  let stored = 0;
  let finished: () => void = () => undefined;
  const allStored = new Promise<void>((resolve) => (finished = resolve));
  gateway.events.subscribe((event) => {
    if (event.type === 'message.stored' && ++stored === count) finished();
  });
  const start = performance.now();
  let enqueued = 0;
  let polls = 0;
  while (enqueued < count && polls < 50) {
    const response = await fetch(`${gateway.url}/x/poll`, { method: 'POST' });
    const body = (await response.json()) as { enqueued: number };
    enqueued += body.enqueued;
    polls += 1;
    if (body.enqueued === 0) break;
  }
  await Promise.race([allStored, new Promise((resolve) => setTimeout(resolve, 120_000))]);
  const seconds = (performance.now() - start) / 1000;
  await gateway.close();
  storeProcess.stop();
  await x.close();
  await rm(dataDir, { recursive: true, force: true });
  return { mentions: stored, polls, mentionsPerSecond: round(stored / seconds) };
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
