import { describe, expect, it } from 'vitest';
import { msUntilNextSeal } from '../../../local/audit-routes.ts';

describe('the local daily digest timer', () => {
  it('runs at 00:30 KST (15:30 UTC), as the Scheduler schedule in AWS does', () => {
    expect(msUntilNextSeal(new Date('2026-03-02T15:00:00.000Z'))).toBe(30 * 60_000);
    // 00:31 KST: tomorrow's run.
    expect(msUntilNextSeal(new Date('2026-03-02T15:31:00.000Z'))).toBe(24 * 3_600_000 - 60_000);
    expect(msUntilNextSeal(new Date('2026-03-02T15:30:00.000Z'))).toBe(24 * 3_600_000);
    // 09:00 KST.
    expect(msUntilNextSeal(new Date('2026-03-03T00:00:00.000Z'))).toBe(15.5 * 3_600_000);
  });
});
