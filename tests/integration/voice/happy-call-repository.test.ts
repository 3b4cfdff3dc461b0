import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { createHappyCallRepository } from '../../../functions/adapters/dynamodb/happy-call-repository.ts';
import { registerHappyCall, type RegistrationInput } from '../../../functions/core/voice/happy-call.ts';
import { recordOutcome, runHappyCallScheduler, type HappyCallRepository, type OutboundVoiceCaller } from '../../../functions/core/voice/happy-call-scheduler.ts';
import type { PiiProtector } from '../../../functions/core/ports/pii.ts';
import type { Log } from '../../../functions/core/ports/runtime.ts';

const seoul = (isoLocal: string) => new Date(`${isoLocal}+09:00`);
const pii: PiiProtector = { hash: (v) => `h:${v}`, seal: (v) => `sealed:${v}`, open: (s) => s.replace(/^sealed:/, '') };
const log: Log = { debug() {}, info() {}, warn() {}, error() {} };
const input = (id: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput => ({
  registrationId: id,
  citizen: { kind: 'phone', hash: `h-${id}`, sealed: `sealed:+8210000000${id.slice(-2)}`, masked: '+82 10-****-0000' },
  language: 'mn',
  consent: { givenAt: '2025-01-01T00:00:00.000Z', source: 'counselor', recordedBy: 'counselor:7' },
  schedule: { weekdays: [1], window: { start: '10:00', end: '12:00' }, perWeek: 1 },
  ...overrides,
});

function recordingCaller(failFirst = 0): OutboundVoiceCaller & { calls: Array<{ destinationE164: string; clientToken: string }> } {
  let failures = failFirst;
  const calls: Array<{ destinationE164: string; clientToken: string }> = [];
  return {
    calls,
    async start(request) {
      if (failures > 0) {
        failures -= 1;
        throw Object.assign(new Error('throttled'), { name: 'ConnectRetryableError' });
      }
      calls.push({ destinationE164: request.destinationE164, clientToken: request.clientToken });
      return { contactId: `contact-${request.registrationId}-${request.slot}` };
    },
  };
}

describe('happy-call repository on the embedded DynamoDB', () => {
  let table: TestTable;
  let repo: HappyCallRepository;
  beforeAll(async () => {
    table = await startTestTable();
    repo = createHappyCallRepository(DynamoDBDocumentClient.from(table.client), table.tableName);
  });
  afterAll(async () => table.close());

  it('stores a registration once and keeps the first one when it is registered again', async () => {
    const first = registerHappyCall(input('HC-01'), seoul('2025-01-02T10:00:00'));
    expect(await repo.register(first)).toBe('created');
    expect(await repo.register({ ...first, language: 'en' })).toBe('exists');
    expect((await repo.get('HC-01'))?.language).toBe('mn');
    expect((await repo.get('HC-01'))?.consent).toEqual(input('HC-01').consent);
  });

  it('places exactly one call per slot even when two scheduler runs overlap', async () => {
    await repo.register(registerHappyCall(input('HC-02'), seoul('2025-01-02T10:00:00')));
    const caller = recordingCaller();
    const deps = { repository: repo, caller, pii, log };
    const [a, b] = await Promise.all([runHappyCallScheduler(deps, seoul('2025-01-06T10:30:00')), runHappyCallScheduler(deps, seoul('2025-01-06T10:30:00'))]);
    const forHc02 = caller.calls.filter((c) => c.clientToken.includes('HC-02'));
    expect(forHc02).toEqual([{ destinationE164: '+821000000002', clientToken: 'happy-call-HC-02-2025-01-06' }]);
    expect([...a.skipped, ...b.skipped].filter((s) => s.registrationId === 'HC-02')).toHaveLength(1);
    const later = await runHappyCallScheduler(deps, seoul('2025-01-06T11:00:00'));
    expect(later.due.filter((d) => d.registrationId === 'HC-02')).toEqual([]);
  });

  it('releases the slot when the call cannot be started, so the retried run places it', async () => {
    await repo.register(registerHappyCall(input('HC-03'), seoul('2025-01-02T10:00:00')));
    const failing = recordingCaller(1);
    const deps = { repository: repo, caller: failing, pii, log };
    const only = async () => {
      const all = await repo.listActive();
      return all.filter((r) => r.registrationId === 'HC-03');
    };
    const scoped: HappyCallRepository = { ...repo, listActive: only };
    await expect(runHappyCallScheduler({ ...deps, repository: scoped }, seoul('2025-01-13T10:30:00'))).rejects.toThrow('throttled');
    expect((await repo.get('HC-03'))?.attempts['2025-01-13']).toBeUndefined();
    const retried = await runHappyCallScheduler({ ...deps, repository: scoped }, seoul('2025-01-13T10:31:00'));
    expect(retried.started).toHaveLength(1);
  });

  it('honours an opt-out pressed during the call: stored, and no longer listed as active', async () => {
    await repo.register(registerHappyCall(input('HC-04'), seoul('2025-01-02T10:00:00')));
    const caller = recordingCaller();
    const scoped: HappyCallRepository = { ...repo, listActive: async () => (await repo.listActive()).filter((r) => r.registrationId === 'HC-04') };
    await runHappyCallScheduler({ repository: scoped, caller, pii, log }, seoul('2025-01-06T10:30:00'));
    const after = await recordOutcome({ repository: repo }, { registrationId: 'HC-04', slot: '2025-01-06', outcome: 'opted_out', at: seoul('2025-01-06T10:31:00') });
    expect(after?.status).toBe('opted_out');
    const stored = await repo.get('HC-04');
    expect(stored?.status).toBe('opted_out');
    expect(stored?.attempts['2025-01-06']?.outcome).toBe('opted_out');
    expect((await repo.listActive()).map((r) => r.registrationId)).not.toContain('HC-04');
    expect(await repo.claimSlot('HC-04', { slot: '2025-01-13', week: '2025-W03', claimedAt: seoul('2025-01-13T10:00:00').toISOString() })).toBe('taken');
  });

  it('records an opt-out even when no slot record exists', async () => {
    await repo.register(registerHappyCall(input('HC-05'), seoul('2025-01-02T10:00:00')));
    await recordOutcome({ repository: repo }, { registrationId: 'HC-05', slot: '2025-01-06', outcome: 'opted_out', at: seoul('2025-01-06T10:31:00') });
    expect((await repo.get('HC-05'))?.status).toBe('opted_out');
  });

  it('records answered and no_answer outcomes on the slot', async () => {
    await repo.register(registerHappyCall(input('HC-06'), seoul('2025-01-02T10:00:00')));
    expect(await repo.claimSlot('HC-06', { slot: '2025-01-06', week: '2025-W02', claimedAt: seoul('2025-01-06T10:00:00').toISOString() })).toBe('claimed');
    await recordOutcome({ repository: repo }, { registrationId: 'HC-06', slot: '2025-01-06', outcome: 'no_answer', at: seoul('2025-01-06T10:02:00') });
    expect((await repo.get('HC-06'))?.attempts['2025-01-06']).toMatchObject({ outcome: 'no_answer', week: '2025-W02' });
  });
});
