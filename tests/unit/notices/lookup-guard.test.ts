import { describe, expect, it } from 'vitest';
import { LOOKUP_POLICY, lockedUntil, withFailure } from '../../../functions/core/status-lookup/guard.ts';

const at = (minutes: number) => new Date(Date.parse('2026-12-07T05:00:00.000Z') + minutes * 60_000);

describe('receipt lock after repeated failures', () => {
  it('locks the receipt number at the fifth failure within 15 minutes, for 15 minutes', () => {
    let state = null;
    for (let i = 0; i < 4; i += 1) {
      state = withFailure(state, at(i));
      expect(lockedUntil(state, at(i))).toBeNull();
    }
    state = withFailure(state, at(4));
    expect(lockedUntil(state, at(4))).toBe(at(19).toISOString());
    expect(lockedUntil(state, at(18.99))).toBe(at(19).toISOString());
    expect(lockedUntil(state, at(19))).toBeNull();
  });

  it('forgets failures older than the window: four, then one more 15 minutes after the first, does not lock', () => {
    let state = null;
    for (let i = 0; i < 4; i += 1) state = withFailure(state, at(i));
    state = withFailure(state, at(15));
    expect(state).toMatchObject({ failures: 1, windowStart: at(15).toISOString() });
    expect(lockedUntil(state, at(15))).toBeNull();
  });

  it('counts afresh after a lock: five more failures are needed to lock again', () => {
    let state = null;
    for (let i = 0; i < LOOKUP_POLICY.maxFailures; i += 1) state = withFailure(state, at(i));
    for (let i = 0; i < 4; i += 1) state = withFailure(state, at(20 + i));
    expect(lockedUntil(state, at(24))).toBeNull();
    state = withFailure(state, at(24));
    expect(lockedUntil(state, at(24))).toBe(at(39).toISOString());
  });
});
