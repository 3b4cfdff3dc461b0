import { describe, expect, it } from 'vitest';
import { createContactEventHandler } from '../../../functions/channels/voice/contact-event-handler.ts';
import { createHappyCallOutcomeHandler } from '../../../functions/channels/voice/happy-call-outcome-handler.ts';
import type { ContactStatusEntry } from '../../../functions/core/voice/contact-events.ts';
import type { HappyCallRepository } from '../../../functions/core/voice/happy-call-scheduler.ts';
import { registerHappyCall, type HappyCallRegistration } from '../../../functions/core/voice/happy-call.ts';
import type { Log } from '../../../functions/core/ports/runtime.ts';
import { loadFixture } from '../../support/fixtures.ts';

const log: Log = { debug() {}, info() {}, warn() {}, error() {} };

describe('contact event handler', () => {
  it('appends the status entries of a Connect contact event', async () => {
    const appended: ContactStatusEntry[] = [];
    const handler = createContactEventHandler({ status: { append: async (e) => void appended.push(...e) }, log });
    await handler(loadFixture('connect', 'contact-event-connected-to-agent'));
    expect(appended.map((e) => e.kind)).toEqual(['connected_to_counselor']);
  });

  it('drops an event of another shape without storing anything', async () => {
    const appended: ContactStatusEntry[] = [];
    const handler = createContactEventHandler({ status: { append: async (e) => void appended.push(...e) }, log });
    expect(await handler({ 'detail-type': 'Something else' })).toEqual([]);
    expect(appended).toEqual([]);
  });
});

describe('happy-call outcome Lambda', () => {
  function memoryRepo(registration: HappyCallRegistration) {
    let current = registration;
    const repo: HappyCallRepository = {
      register: async () => 'created',
      get: async () => current,
      listActive: async () => [current],
      claimSlot: async () => 'claimed',
      releaseSlot: async () => {},
      saveOutcome: async (r) => {
        current = r;
      },
      optOut: async (_id, optedOut) => {
        current = { ...current, status: 'opted_out', optedOut };
      },
    };
    return { repo, current: () => current };
  }

  it('records the opt-out pressed in the flow from Parameters.outcome and the contact attributes', async () => {
    const base = registerHappyCall(
      {
        registrationId: 'HC-9',
        citizen: { kind: 'phone', hash: 'h', sealed: 's', masked: 'm' },
        language: 'en',
        consent: { givenAt: '2025-01-01T00:00:00.000Z', source: 'web', recordedBy: 'citizen' },
        schedule: { weekdays: [1], window: { start: '10:00', end: '12:00' }, perWeek: 1 },
      },
      new Date('2025-01-02T00:00:00Z'),
    );
    const withAttempt = { ...base, attempts: { '2025-01-06': { slot: '2025-01-06', week: '2025-W02', claimedAt: '2025-01-06T01:00:00.000Z' } } };
    const store = memoryRepo(withAttempt);
    const handler = createHappyCallOutcomeHandler({ repository: store.repo, log, now: () => new Date('2025-01-06T01:02:00Z') });
    const event = loadFixture<{ Details: { ContactData: { Attributes: Record<string, string> }; Parameters: Record<string, string> } }>('connect', 'flow-event-voice-inbound');
    event.Details.ContactData.Attributes = { registrationId: 'HC-9', slot: '2025-01-06', language: 'en' };
    event.Details.Parameters = { outcome: 'opted_out' };
    expect(await handler(event)).toEqual({ recorded: 'true', outcome: 'opted_out' });
    expect(store.current().status).toBe('opted_out');
  });
});

describe('voice Lambdas whose dependencies fail to build (a misconfigured deployment)', () => {
  const broken = async (): Promise<never> => {
    throw new Error('missing or empty environment variable(s): TABLE_NAME');
  };
  const recording = () => {
    const lines: Array<{ message: string; attributes?: Record<string, unknown> }> = [];
    const sink: Log = { debug() {}, info() {}, warn() {}, error: (message, attributes) => void lines.push({ message, ...(attributes ? { attributes } : {}) }) };
    return { sink, lines };
  };

  it('happy-call outcome answers recorded=false and logs what is wrong instead of failing silently', async () => {
    const { createHappyCallOutcomeLambda } = await import('../../../functions/handlers/happy-call-outcome.ts');
    const { sink, lines } = recording();
    const handler = createHappyCallOutcomeLambda(broken, sink);
    expect(await handler({ Details: { Parameters: { outcome: 'opt-out' } } }, {} as never)).toEqual({ recorded: 'false' });
    expect(lines).toEqual([
      { message: 'happy-call outcome not recorded: dependencies unavailable', attributes: { errorName: 'Error', errorMessage: 'missing or empty environment variable(s): TABLE_NAME' } },
    ]);
  });

  it('masks a phone number a dependency error may quote', async () => {
    const { describeError } = await import('../../../functions/handlers/shared/describe-error.ts');
    const described = describeError(new Error('destination +821012345678 is opted out'));
    expect(described.errorMessage).not.toContain('12345678');
    expect(described.errorName).toBe('Error');
  });
});
