import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue } from '../../../local/local-queue.ts';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';

const translateJob = (n: number): IntakeEnvelope => ({ kind: 'translate', complaintId: `c${n}`, messageId: `m${n}`, attempt: 0 });
const bodies = (event: SQSEvent) => event.Records.map((record) => JSON.parse(record.body) as { messageId: string });

describe('local intake queue', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'queue-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('delivers SQS-shaped batches of at most ten records', async () => {
    const queue = new LocalQueue({ dir, concurrency: 1 });
    await queue.open();
    const sizes: number[] = [];
    await queue.send(Array.from({ length: 23 }, (_, i) => translateJob(i)));
    queue.start(async (event) => {
      sizes.push(event.Records.length);
      expect(event.Records[0]?.eventSource).toBe('aws:sqs');
      return { batchItemFailures: [] };
    });
    await queue.whenIdle();
    await queue.stop();
    expect(sizes).toEqual([10, 10, 3]);
  });

  it('redelivers only the failed record of a batch, then moves it to the dead-letter folder', async () => {
    const queue = new LocalQueue({ dir, visibilityTimeoutMs: 0, maxReceiveCount: 3 });
    await queue.open();
    await queue.send(Array.from({ length: 10 }, (_, i) => translateJob(i)));
    const seen = new Map<string, number>();
    queue.start(async (event) => {
      const failures = [];
      for (const [index, record] of event.Records.entries()) {
        const id = bodies(event)[index]!.messageId;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        if (id === 'm7') failures.push({ itemIdentifier: record.messageId });
      }
      return { batchItemFailures: failures };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await queue.whenIdle();
    await queue.stop();
    expect(seen.get('m7')).toBe(3);
    expect([...seen.entries()].filter(([id]) => id !== 'm7').every(([, count]) => count === 1)).toBe(true);
    const dead = await queue.deadLetters();
    expect(dead.map((message) => (JSON.parse(message.body) as { messageId: string }).messageId)).toEqual(['m7']);
  });

  it('keeps unacknowledged messages across a restart', async () => {
    const first = new LocalQueue({ dir });
    await first.open();
    await first.send([translateJob(1), translateJob(2)]);
    const second = new LocalQueue({ dir });
    await second.open();
    const received: string[] = [];
    second.start(async (event) => {
      received.push(...bodies(event).map((body) => body.messageId));
    });
    await second.whenIdle();
    await second.stop();
    expect(received.sort()).toEqual(['m1', 'm2']);
  });

  it('holds a delayed message until its delay has passed', async () => {
    const queue = new LocalQueue({ dir });
    await queue.open();
    await queue.send([translateJob(1)], { delaySeconds: 60 });
    expect(queue.stats()).toEqual({ visible: 0, delayed: 1, inFlight: 0 });
  });
});
