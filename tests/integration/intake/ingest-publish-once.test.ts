import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryInProgressError, ingestMessage } from '../../../functions/core/ingest-message.ts';
import { crashingRepository, intakeDeps, smsMessage, startHarness, uniquePhone, SimulatedCrash, type Harness } from './harness.ts';

/*
 * At-least-once delivery means the same contact can be processed by two deliveries at the same
 * time. Only the delivery whose conditional write of the message won announces it (events, the
 * "message stored" log line, a deferred translation); the other learns that the message is being
 * finished elsewhere and is retried by the queue, by which time it is a plain duplicate.
 */
describe('concurrent deliveries of one message publish once', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness.close());

  const storedLines = (deps: ReturnType<typeof intakeDeps>) => deps.log.lines.filter((line) => line.message === 'message stored');

  it('publishes complaint.created and message.stored once when a founding message is delivered four times at once', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const settled = await Promise.allSettled([1, 2, 3, 4].map(() => ingestMessage(deps, message)));

    const stored = settled.filter((s) => s.status === 'fulfilled' && s.value.status === 'stored');
    expect(stored).toHaveLength(1);
    for (const other of settled.filter((s) => !(s.status === 'fulfilled' && s.value.status === 'stored'))) {
      // Either it saw the finished claim (duplicate) or it stood down while the winner finished.
      if (other.status === 'rejected') expect(other.reason).toBeInstanceOf(DeliveryInProgressError);
      else expect(other.value.status).toBe('duplicate');
    }
    expect(deps.events.ofType('complaint.created')).toHaveLength(1);
    expect(deps.events.ofType('message.stored')).toHaveLength(1);
    expect(storedLines(deps)).toHaveLength(1);

    // The queue redelivers the deliveries that stood down: now they are plain duplicates.
    deps.clock.advance(60_000);
    const redelivered = await ingestMessage(deps, message);
    expect(redelivered.status).toBe('duplicate');
    expect(deps.events.ofType('message.stored')).toHaveLength(1);
  });

  it('publishes message.stored and defers a translation once when a joining message is delivered three times at once', async () => {
    const deps = intakeDeps(harness);
    const phone = uniquePhone();
    await ingestMessage(deps, smsMessage({ citizenHandle: phone, text: '첫 번째 민원입니다' }));
    deps.translator.throttle(3);
    deps.intakeQueue.drain();
    const joining = smsMessage({ citizenHandle: phone, text: 'The light is still broken, please come today' });
    await Promise.allSettled([1, 2, 3].map(() => ingestMessage(deps, joining)));

    expect(deps.events.ofType('message.stored')).toHaveLength(2);
    expect(deps.events.ofType('complaint.created')).toHaveLength(1);
    expect(deps.intakeQueue.sent.filter((s) => s.envelope.kind === 'translate')).toHaveLength(1);
    expect(storedLines(deps)).toHaveLength(2);
  });

  it('still announces a message whose delivery died after storing it, once the queue redelivers it', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const clean = crashingRepository(harness.repository, Number.POSITIVE_INFINITY, 'after');
    await ingestMessage({ ...intakeDeps(harness), repository: clean }, smsMessage({ citizenHandle: uniquePhone() }));
    // The write of the message item is the one before the claim is marked completed.
    const crashAtMessage = clean.writes - 1;

    const crashing = crashingRepository(harness.repository, crashAtMessage, 'after');
    await expect(ingestMessage({ ...deps, repository: crashing }, message)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(deps.events.events).toHaveLength(0);

    // A redelivery while the first delivery could still be finishing stands down...
    await expect(ingestMessage(deps, message)).rejects.toBeInstanceOf(DeliveryInProgressError);
    expect(deps.events.events).toHaveLength(0);
    // ...and the next one, after the queue's visibility timeout, finishes the work.
    deps.clock.advance(60_000);
    const resumed = await ingestMessage(deps, message);
    expect(resumed.newComplaint).toBe(true);
    expect(deps.events.ofType('complaint.created')).toHaveLength(1);
    expect(deps.events.ofType('message.stored')).toHaveLength(1);
    expect((await ingestMessage(deps, message)).status).toBe('duplicate');
  });

  it('finishes on the last delivery before the dead-letter queue even within the grace, rather than leaving the message unannounced', async () => {
    const deps = intakeDeps(harness);
    const message = smsMessage({ citizenHandle: uniquePhone() });
    const clean = crashingRepository(harness.repository, Number.POSITIVE_INFINITY, 'after');
    await ingestMessage({ ...intakeDeps(harness), repository: clean }, smsMessage({ citizenHandle: uniquePhone() }));
    const crashing = crashingRepository(harness.repository, clean.writes - 1, 'after');
    await expect(ingestMessage({ ...deps, repository: crashing }, message)).rejects.toBeInstanceOf(SimulatedCrash);

    const last = await ingestMessage(deps, message, { lastAttempt: true });
    expect(last.complaintId).toBeDefined();
    expect(deps.events.ofType('message.stored')).toHaveLength(1);
  });
});
