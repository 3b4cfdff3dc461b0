import { randomUUID, createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { IntakeEnvelope } from '../schemas/inbound-message.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';

export interface StoredMessage {
  messageId: string;
  /** The message exactly as sent: a redrive delivers these bytes again. */
  body: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  /** Why the consumer last failed it, as the consumer described it (masked). */
  lastError?: { name: string; message: string };
}

/** Queue message ids are UUIDs; anything else never names a file. */
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface LocalQueueOptions {
  /** Folder holding one file per message, so a restart loses nothing. */
  dir: string;
  /** Like an SQS redrive policy: after this many receives a failing message moves to the DLQ. */
  maxReceiveCount?: number;
  visibilityTimeoutMs?: number;
  batchSize?: number;
  /** Batches handled at once, like Lambda's concurrency on an SQS event source. */
  concurrency?: number;
  queueArn?: string;
  /** A file the queue could not write or remove; the message stays queued and is delivered again. */
  onError?: (error: unknown) => void;
}

export type BatchConsumer = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

/**
 * The local stand-in for the SQS intake queue and its event source mapping: durable on
 * disk, at-least-once, visibility timeout, partial batch failures and a dead-letter folder,
 * delivering the same SQS event shape the pipeline Lambda receives in AWS.
 */
export class LocalQueue implements IntakeQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly inFlight = new Set<string>();
  private consumer: BatchConsumer | null = null;
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];
  private readonly options: Required<LocalQueueOptions>;
  private stopped = false;

  constructor(options: LocalQueueOptions) {
    this.options = {
      maxReceiveCount: 5,
      visibilityTimeoutMs: 30_000,
      batchSize: 10,
      concurrency: 4,
      queueArn: 'arn:aws:sqs:ap-northeast-2:000000000000:local-intake',
      onError: (error: unknown) => process.stderr.write(`local queue: ${String(error)}\n`),
      ...options,
    };
  }

  private get readyDir(): string {
    return join(this.options.dir, 'ready');
  }

  get deadLetterDir(): string {
    return join(this.options.dir, 'dead-letter');
  }

  /** Loads messages left by a previous run (in flight ones become visible again). */
  async open(): Promise<void> {
    await mkdir(this.readyDir, { recursive: true });
    await mkdir(this.deadLetterDir, { recursive: true });
    for (const name of await readdir(this.readyDir)) {
      if (!name.endsWith('.json')) continue;
      const stored = JSON.parse(await readFile(join(this.readyDir, name), 'utf8')) as StoredMessage;
      this.messages.set(stored.messageId, { ...stored, visibleAt: Math.min(stored.visibleAt, Date.now()) });
    }
  }

  async send(envelopes: IntakeEnvelope[], options: { delaySeconds?: number } = {}): Promise<void> {
    const now = Date.now();
    for (const envelope of envelopes) {
      const stored: StoredMessage = {
        messageId: randomUUID(),
        body: JSON.stringify(envelope),
        sentAt: now,
        visibleAt: now + Math.min(900, Math.max(0, options.delaySeconds ?? 0)) * 1000,
        receiveCount: 0,
      };
      await this.persist(stored);
      this.messages.set(stored.messageId, stored);
    }
    this.wake();
  }

  /** Starts delivering batches to the consumer (the pipeline handler). */
  start(consumer: BatchConsumer): void {
    this.consumer = consumer;
    this.stopped = false;
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  stats(): { visible: number; delayed: number; inFlight: number } {
    const now = Date.now();
    let visible = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (this.inFlight.has(message.messageId)) continue;
      if (message.visibleAt <= now) visible += 1;
      else delayed += 1;
    }
    return { visible, delayed, inFlight: this.inFlight.size };
  }

  async deadLetters(): Promise<StoredMessage[]> {
    const names = (await readdir(this.deadLetterDir)).filter((name) => name.endsWith('.json'));
    const messages = await Promise.all(
      names.map(async (name) => JSON.parse(await readFile(join(this.deadLetterDir, name), 'utf8')) as StoredMessage),
    );
    return messages.sort((a, b) => a.sentAt - b.sentAt);
  }

  /** Records why the consumer failed a message in flight; kept with it, into the dead-letter folder. */
  noteFailure(messageId: string, lastError: { name: string; message: string }): void {
    const message = this.messages.get(messageId);
    if (message) message.lastError = lastError;
  }

  /**
   * Moves a dead letter back to the queue with its original body and a fresh receive count,
   * as an SQS dead-letter redrive does. False when there is no such dead letter.
   */
  async redrive(messageId: string): Promise<boolean> {
    if (!MESSAGE_ID.test(messageId)) return false;
    const file = join(this.deadLetterDir, `${messageId}.json`);
    let dead: StoredMessage;
    try {
      dead = JSON.parse(await readFile(file, 'utf8')) as StoredMessage;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    const { lastError: _dropped, ...original } = dead;
    const message: StoredMessage = { ...original, visibleAt: Date.now(), receiveCount: 0 };
    // Written to the queue before it leaves the dead-letter folder: a crash in between redelivers, never loses.
    await this.persist(message);
    await rm(file, { force: true });
    this.messages.set(message.messageId, message);
    this.wake();
    return true;
  }

  /** Resolves once nothing is visible or in flight (delayed messages may remain). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    const { visible, inFlight } = this.stats();
    return visible === 0 && inFlight === 0 && this.running === 0;
  }

  private wake(): void {
    if (this.stopped || !this.consumer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pump();
  }

  private pump(): void {
    if (this.stopped || !this.consumer) return;
    while (this.running < this.options.concurrency) {
      const batch = this.receiveBatch();
      if (batch.length === 0) break;
      this.running += 1;
      void this.deliver(batch)
        .catch(this.options.onError)
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
    this.notifyIdle();
    this.scheduleNextVisible();
  }

  private receiveBatch(): StoredMessage[] {
    const now = Date.now();
    const batch: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (batch.length >= this.options.batchSize) break;
      if (this.inFlight.has(message.messageId) || message.visibleAt > now) continue;
      message.receiveCount += 1;
      this.inFlight.add(message.messageId);
      batch.push(message);
    }
    return batch;
  }

  private async deliver(batch: StoredMessage[]): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    let failed: Set<string>;
    try {
      const response = await consumer({ Records: batch.map((message) => this.toRecord(message)) });
      failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch {
      // A thrown handler fails the whole batch, as with Lambda.
      failed = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      this.inFlight.delete(message.messageId);
      try {
        await this.settle(message, failed.has(message.messageId));
      } catch (error) {
        // Still in memory, so delivered again: at least once, as SQS after a lost acknowledgement.
        message.visibleAt = Date.now() + this.options.visibilityTimeoutMs;
        this.options.onError(error);
      }
    }
  }

  /** Files are changed before memory, so a failure leaves the message queued rather than lost. */
  private async settle(message: StoredMessage, failed: boolean): Promise<void> {
    if (!failed) {
      await rm(this.fileOf(message.messageId), { force: true });
      this.messages.delete(message.messageId);
    } else if (message.receiveCount >= this.options.maxReceiveCount) {
      await writeFile(join(this.deadLetterDir, `${message.messageId}.json`), JSON.stringify(message));
      await rm(this.fileOf(message.messageId), { force: true });
      this.messages.delete(message.messageId);
    } else {
      message.visibleAt = Date.now() + this.options.visibilityTimeoutMs;
      await this.persist(message);
    }
  }

  private toRecord(message: StoredMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'LOCAL',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: 'ap-northeast-2',
    };
  }

  private scheduleNextVisible(): void {
    if (this.timer || this.stopped) return;
    let next = Number.POSITIVE_INFINITY;
    for (const message of this.messages.values()) {
      if (!this.inFlight.has(message.messageId)) next = Math.min(next, message.visibleAt);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(0, next - Date.now()));
    this.timer.unref();
  }

  private notifyIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private fileOf(messageId: string): string {
    return join(this.readyDir, `${messageId}.json`);
  }

  private async persist(message: StoredMessage): Promise<void> {
    const tmp = `${this.fileOf(message.messageId)}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(message));
    await rename(tmp, this.fileOf(message.messageId));
  }
}
