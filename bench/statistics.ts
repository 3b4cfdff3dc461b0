import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createStatisticsSources } from '../functions/adapters/dynamodb/statistics-sources.ts';
import { DynamoStatisticsStore } from '../functions/adapters/dynamodb/statistics-store.ts';
import { kstDay, kstDayStart } from '../functions/core/kst.ts';
import { reconcileDay } from '../functions/core/statistics/reconcile-day.ts';
import { statisticsFromRecount, statisticsFromRollups, statisticsRange, type StatisticsReport } from '../functions/core/statistics/statistics-report.ts';
import type { Item } from '../functions/adapters/dynamodb/item-mappers.ts';
import { embeddedDynamoClient, ensureComplaintTable } from '../local/embedded-dynamodb.ts';
import { dayOfItems } from './statistics-items.ts';
import { median, round, startStoreProcess } from './support.ts';

/*
 * Statistics: 7 KST days × 2,500 contacts by default (BENCH_STATS_PER_DAY; 25000 is Seoul's daily
 * volume, the full scale, about an hour on a shared 2-core machine) written as
 * complaint-table items, their rollups built by the reconciliation (the backfill of a day nobody
 * counted), then a 7-day statistics query from the rollups timed against the same figures
 * recounted from the raw items. The two reports must be exactly equal, or the run fails.
 * `npx tsx bench/statistics.ts` alone, or as part of `npm run bench`; prints one JSON line.
 */
const DAYS = 7;
/** A tenth of Seoul's daily volume keeps `npm run bench` to minutes; the ratio grows with volume. */
const DEFAULT_CONTACTS_PER_DAY = 2_500;
const WRITE_CONCURRENCY = 8;
const QUERY_REPEAT = 15;
const RECOUNT_REPEAT = Math.max(1, Number(process.env.BENCH_STATS_RECOUNTS ?? 1));

export interface StatisticsBench {
  bench: 'statistics';
  days: number;
  contactsPerDay: number;
  items: number;
  itemsPerSecond: number;
  rollupBuildSeconds: number;
  rollupQueryMs: { p50: number; runs: number };
  recountMs: number;
  ratio: number;
  equal: true;
}

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Iterable<Item>): Promise<number> {
  const iterator = items[Symbol.iterator]();
  let written = 0;
  const worker = async () => {
    for (;;) {
      const batch: Item[] = [];
      for (let next = iterator.next(); !next.done; next = iterator.next()) {
        batch.push(next.value);
        if (batch.length === 25) break;
      }
      if (batch.length === 0) return;
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
      written += batch.length;
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
  return written;
}

const comparable = (report: StatisticsReport) => ({ ...report, source: undefined });

export async function measureStatistics(contactsPerDay = Number(process.env.BENCH_STATS_PER_DAY ?? DEFAULT_CONTACTS_PER_DAY)): Promise<StatisticsBench> {
  const store = await startStoreProcess();
  try {
    const client = embeddedDynamoClient(store.endpoint);
    const tableName = 'statistics-bench';
    await ensureComplaintTable(client, tableName);
    const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    // The last 7 finished KST days.
    const lastDay = kstDay(new Date(Date.now() - 86_400_000));
    const days = Array.from({ length: DAYS }, (_, i) => kstDay(new Date(kstDayStart(lastDay).getTime() - (DAYS - 1 - i) * 86_400_000)));

    let started = performance.now();
    let items = 0;
    for (const [i, day] of days.entries()) items += await writeAll(db, tableName, dayOfItems(day, contactsPerDay, 120 + i));
    const writeSeconds = (performance.now() - started) / 1000;

    const statistics = new DynamoStatisticsStore(db, tableName);
    const sources = createStatisticsSources(db, tableName);
    const clock = { now: () => new Date() };
    const log = { debug() {}, info() {}, warn() {}, error() {} };
    started = performance.now();
    for (const day of days) {
      const report = await reconcileDay({ store: statistics, sources, clock, log }, day);
      if (!report.consistent) throw new Error(`the backfill of ${day} does not equal its recount`);
    }
    const rollupBuildSeconds = (performance.now() - started) / 1000;

    const range = statisticsRange({ from: days[0], to: days.at(-1) }, clock);
    const queryTimes: number[] = [];
    let fromRollups: StatisticsReport | undefined;
    for (let run = 0; run < QUERY_REPEAT; run += 1) {
      const t = performance.now();
      fromRollups = await statisticsFromRollups({ store: statistics, voice: null }, range);
      queryTimes.push(performance.now() - t);
    }
    const recountTimes: number[] = [];
    let recounted: StatisticsReport | undefined;
    for (let run = 0; run < RECOUNT_REPEAT; run += 1) {
      const t = performance.now();
      recounted = await statisticsFromRecount({ sources, voice: null }, range);
      recountTimes.push(performance.now() - t);
    }
    if (!fromRollups || !recounted || !isDeepStrictEqual(comparable(fromRollups), comparable(recounted))) {
      throw new Error('statistics from the rollups differ from the recount of the raw items');
    }
    if (recounted.total.contacts.total !== DAYS * contactsPerDay) throw new Error(`the recount found ${recounted.total.contacts.total} contacts, not ${DAYS * contactsPerDay}`);
    client.destroy();
    const queryMs = median(queryTimes);
    const recountMs = median(recountTimes);
    return {
      bench: 'statistics',
      days: DAYS,
      contactsPerDay,
      items,
      itemsPerSecond: round(items / writeSeconds),
      rollupBuildSeconds: round(rollupBuildSeconds),
      rollupQueryMs: { p50: round(queryMs, 2), runs: QUERY_REPEAT },
      recountMs: round(recountMs),
      ratio: round(recountMs / queryMs),
      equal: true,
    };
  } finally {
    store.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureStatistics()
    .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
