import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { InboundMessageSchema, type InboundMessage, type InboundMessageInput } from '../../../schemas/inbound-message.ts';
import { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import type { IngestDeps } from '../../../functions/core/ingest-message.ts';
import type { ComplaintRepository } from '../../../functions/core/ports/complaint-repository.ts';
import type { PiiProtector } from '../../../functions/core/ports/pii.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import {
  CapturingLog,
  FakeMediaFetcher,
  FakeTranslator,
  InMemoryMediaStore,
  ManualClock,
  RecordingEventPublisher,
  RecordingIntakeQueue,
  testPiiProtector,
} from '../../support/in-memory-ports.ts';

export interface Harness {
  table: TestTable;
  documents: DynamoDBDocumentClient;
  repository: DynamoComplaintRepository;
  pii: PiiProtector;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const table = await startTestTable();
  const documents = DynamoDBDocumentClient.from(table.client);
  return {
    table,
    documents,
    repository: new DynamoComplaintRepository(documents, table.tableName),
    pii: testPiiProtector(),
    close: () => table.close(),
  };
}

export interface IntakeFakes {
  translator: FakeTranslator;
  intakeQueue: RecordingIntakeQueue;
  events: RecordingEventPublisher;
  mediaFetcher: FakeMediaFetcher;
  mediaStore: InMemoryMediaStore;
  clock: ManualClock;
  log: CapturingLog;
}

export function intakeDeps(harness: Harness, overrides: Partial<IngestDeps> = {}): IngestDeps & IntakeFakes {
  const fakes: IntakeFakes = {
    translator: new FakeTranslator(),
    intakeQueue: new RecordingIntakeQueue(),
    events: new RecordingEventPublisher(),
    mediaFetcher: new FakeMediaFetcher(),
    mediaStore: new InMemoryMediaStore(),
    clock: new ManualClock(),
    log: new CapturingLog(),
  };
  return { repository: harness.repository, pii: harness.pii, ...fakes, ...overrides } as IngestDeps & IntakeFakes;
}

let sequence = 0;

/** A distinct Korean mobile number per call, in the local format citizens type. */
export function uniquePhone(): string {
  sequence += 1;
  return `010-${String(1000 + (sequence % 9000)).padStart(4, '0')}-${String(Date.now() % 10_000).padStart(4, '0')}`;
}

export function smsMessage(overrides: Partial<InboundMessageInput> = {}): InboundMessage {
  sequence += 1;
  return InboundMessageSchema.parse({
    channel: 'sms',
    provider: 'twilio',
    providerMessageId: `SM${Date.now().toString(16)}${String(sequence).padStart(8, '0')}`,
    citizenHandle: '010-1234-5678',
    citizenHandleKind: 'phone',
    recipient: '+8215880120',
    text: '버스 정류장 안내판이 고장났어요',
    receivedAt: '2026-03-02T01:00:00.000Z',
    ...overrides,
  });
}

/** Every item of the table whose key mentions one of the ids: what a convergence test counts. */
export async function itemsMentioning(harness: Harness, ids: string[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await harness.documents.send(
      new ScanCommand({ TableName: harness.table.tableName, ConsistentRead: true, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.filter((item) => ids.some((id) => String(item.pk).includes(id) || String(item.complaintId ?? '') === id));
}

/** Item counts by type, a stable picture of "what got stored". */
export function countByType(items: Record<string, unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const type = String(item.type);
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

export const WRITE_METHODS = [
  'putMessageClaim',
  'markMessageClaimCompleted',
  'putOpenPointer',
  'createComplaint',
  'recordMessageActivity',
  'putReceiptAlias',
  'putMessage',
  'updatePendingTranslation',
  'putStatusEvent',
  'applyStatusEvent',
  'putReply',
  'updateReplyDelivery',
] as const satisfies readonly (keyof ComplaintRepository)[];

export class SimulatedCrash extends Error {
  override readonly name = 'SimulatedCrash';
}

/**
 * A repository that "crashes" once at its Nth write: `after` lets the write take effect and
 * then throws (the process died before it saw the answer); `before` throws without writing.
 * `writes` counts every write attempted, so a test can learn how many a clean run makes.
 */
export function crashingRepository(inner: ComplaintRepository, crashAt: number, when: 'before' | 'after'): ComplaintRepository & { writes: number } {
  let writes = 0;
  const writeMethods = new Set<string>(WRITE_METHODS);
  const proxy = new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'writes') return writes;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !writeMethods.has(property)) {
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        writes += 1;
        const crashNow = writes === crashAt;
        if (crashNow && when === 'before') throw new SimulatedCrash(`crash before write ${writes} (${property})`);
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (crashNow) throw new SimulatedCrash(`crash after write ${writes} (${property})`);
        return result;
      };
    },
  });
  return proxy as ComplaintRepository & { writes: number };
}

/** The harness repository with some methods replaced; `calls` counts the replaced ones. */
export function overriding(inner: ComplaintRepository, overrides: Partial<ComplaintRepository>): ComplaintRepository & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'calls') return calls;
      const override = typeof property === 'string' ? (overrides as Record<string, unknown>)[property] : undefined;
      if (typeof override === 'function') {
        return (...args: unknown[]) => {
          calls[property as string] = (calls[property as string] ?? 0) + 1;
          return (override as (...a: unknown[]) => unknown)(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as ComplaintRepository & { calls: Record<string, number> };
}
