import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../../lib/config/stage-config.ts';
import { xPollRateMinutes } from '../../../lib/config/x-api-config.ts';
import { pollRateMinutesFor, X_API_TIERS } from '../../../functions/core/x/x-api-limits.ts';

/*
 * GET /2/users/:id/mentions per 15 minutes (docs.x.com x-api/fundamentals/rate-limits; the
 * Free/Basic/Pro columns from the same page before pay-per-use): pay-per-use 450 app / 300
 * user, Pro 450 / 300, Basic 15 / 10, Free 1 / 1. A poll makes at least one request.
 */
describe('X API limits per tier', () => {
  it('keeps the documented mentions limits per tier', () => {
    expect(X_API_TIERS.free.mentions).toEqual({ app: 1, user: 1 });
    expect(X_API_TIERS.basic.mentions).toEqual({ app: 15, user: 10 });
    expect(X_API_TIERS.pro.mentions).toEqual({ app: 450, user: 300 });
    expect(X_API_TIERS['pay-per-use'].mentions).toEqual({ app: 450, user: 300 });
  });

  it('derives the poll interval from the tier and the credential polled with, so one poll a tick stays inside the window', () => {
    expect(pollRateMinutesFor('free', 'app')).toBe(15);
    expect(pollRateMinutesFor('basic', 'user')).toBe(2);
    expect(pollRateMinutesFor('basic', 'app')).toBe(1);
    expect(pollRateMinutesFor('pay-per-use', 'user')).toBe(1);
  });

  const base = { name: 'city', production: false, logRetentionDays: 14, removalPolicy: 'destroy', smsSender: 'twilio', xAccountId: '1500000000000000000' } as const;

  it('derives the stage poll rate from xApi.tier when xPollRateMinutes is unset', () => {
    expect(xPollRateMinutes(parseStageConfig({ ...base, xApi: { tier: 'free' } }))).toBe(15);
    expect(xPollRateMinutes(parseStageConfig({ ...base, xApi: { tier: 'basic' } }))).toBe(2);
    expect(parseStageConfig({ ...base }).xApi.tier).toBe('pay-per-use');
    expect(xPollRateMinutes(parseStageConfig({ ...base }))).toBe(1);
  });

  it('refuses a poll rate faster than the tier allows', () => {
    expect(() => parseStageConfig({ ...base, xPollRateMinutes: 1, xApi: { tier: 'free' } })).toThrow(/xPollRateMinutes.*free.*15/s);
    expect(xPollRateMinutes(parseStageConfig({ ...base, xPollRateMinutes: 30, xApi: { tier: 'free' } }))).toBe(30);
  });
});
