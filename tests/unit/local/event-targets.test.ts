import { describe, expect, it } from 'vitest';
import { InProcessPublisher } from '../../../functions/adapters/events/in-process-publisher.ts';
import { localEventTarget } from '../../../local/event-targets.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';

const event = (complaintId: string) => ({ type: 'complaint.created' as const, complaintId, receiptNo: 'r', channel: 'sms', language: 'ko', at: '2026-05-11T00:00:00.000Z' });

describe('a local event target', () => {
  it('stops only once the delivery under way is done, and starts no other, so the store can close after it', async () => {
    const events = new InProcessPublisher();
    const handled: string[] = [];
    let release = () => {};
    const handler = async (envelope: { detail: { complaintId: string } }) => {
      handled.push(`start ${envelope.detail.complaintId}`);
      if (envelope.detail.complaintId === 'first') await new Promise<void>((resolve) => (release = resolve));
      handled.push(`end ${envelope.detail.complaintId}`);
    };
    const target = localEventTarget('test', events, handler as never, { log: new CapturingLog() });
    await events.publish([event('first'), event('second')]);
    await new Promise((resolve) => setImmediate(resolve));

    let stopped = false;
    const stopping = target.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(handled).toEqual(['start first', 'end first']);
  });
});
