import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MO_SIGNATURE_TOLERANCE_SECONDS,
  signMoWebhook,
  verifyMoWebhookSignature,
} from '../../../functions/channels/sms/mo-webhook-signature.ts';

const CURRENT = 'mo-secret-current-0123456789abcdef0123456789';
const PREVIOUS = 'mo-secret-previous-0123456789abcdef012345678';
const body = JSON.stringify({ messageId: 'kr-mo-0001', from: '010-1234-5678', to: '1666-0120', text: '가로등이 꺼졌어요', timestamp: '2026-11-29T01:00:00+09:00' });
const now = new Date('2026-11-29T01:00:30+09:00');
const unix = (date: Date) => Math.floor(date.getTime() / 1000);

describe('MO webhook signature (t=<unix>,v1=<hex HMAC-SHA256 over "t.body">)', () => {
  it('accepts a request signed with the current secret, computed exactly as documented', () => {
    const t = unix(now) - 10;
    const hex = createHmac('sha256', CURRENT).update(`${t}.${body}`, 'utf8').digest('hex');
    expect(signMoWebhook(CURRENT, body, new Date(t * 1000))).toBe(`t=${t},v1=${hex}`);
    expect(verifyMoWebhookSignature({ header: `t=${t},v1=${hex}`, body, secrets: [CURRENT], now })).toEqual({ ok: true, timestamp: t });
  });

  it('refuses a wrong signature, a signature over another body, and a missing or malformed header', () => {
    const header = signMoWebhook(CURRENT, body, now);
    expect(verifyMoWebhookSignature({ header: signMoWebhook('another-secret-0123456789abcdef0123456789', body, now), body, secrets: [CURRENT], now })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyMoWebhookSignature({ header, body: body.replace('가로등', '신호등'), secrets: [CURRENT], now })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verifyMoWebhookSignature({ header: undefined, body, secrets: [CURRENT], now })).toMatchObject({ ok: false, reason: 'missing' });
    for (const malformed of ['v1=abc', `t=${unix(now)}`, `t=soon,v1=${'a'.repeat(64)}`, `t=${unix(now)},v1=${'a'.repeat(63)}`, `t=${unix(now)},t=${unix(now)},v1=${'a'.repeat(64)}`, 'garbage']) {
      expect(verifyMoWebhookSignature({ header: malformed, body, secrets: [CURRENT], now }), malformed).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses a correctly signed request older than the 5-minute replay window', () => {
    const stale = new Date(now.getTime() - (MO_SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, stale), body, secrets: [CURRENT], now })).toMatchObject({ ok: false, reason: 'stale' });
    const edge = new Date(now.getTime() - MO_SIGNATURE_TOLERANCE_SECONDS * 1000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, edge), body, secrets: [CURRENT], now })).toMatchObject({ ok: true });
  });

  it('refuses a correctly signed request dated more than 5 minutes ahead of our clock', () => {
    const future = new Date(now.getTime() + (MO_SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, future), body, secrets: [CURRENT], now })).toMatchObject({ ok: false, reason: 'future' });
  });

  it('accepts either of two active secrets while a key is rotated, and a header carrying one signature per key', () => {
    const oldKey = signMoWebhook(PREVIOUS, body, now);
    expect(verifyMoWebhookSignature({ header: oldKey, body, secrets: [CURRENT, PREVIOUS], now })).toMatchObject({ ok: true });
    expect(verifyMoWebhookSignature({ header: oldKey, body, secrets: [CURRENT], now })).toMatchObject({ ok: false, reason: 'mismatch' });
    // A relay switching keys may send both signatures at once.
    const both = `${signMoWebhook('retired-secret-0123456789abcdef0123456789', body, now)},v1=${signMoWebhook(CURRENT, body, now).split('v1=')[1]}`;
    expect(verifyMoWebhookSignature({ header: both, body, secrets: [CURRENT], now })).toMatchObject({ ok: true });
  });

  it('fails closed when no secret is configured, or one of them is empty', () => {
    expect(() => verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, now), body, secrets: [], now })).toThrow(/no MO webhook secret/);
    expect(() => verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, now), body, secrets: [CURRENT, ''], now })).toThrow(/no MO webhook secret/);
  });

  it('says what is wrong with a header it cannot read', () => {
    const t = unix(now);
    const v1 = 'a'.repeat(64);
    const cases: Array<[header: string, detail: string]> = [
      ['', 'no signature header'],
      [`t=${t},v1=${v1},x=${'y'.repeat(1024)}`, 'header too long'],
      [`=${t},v1=${v1}`, 'elements must be key=value'],
      [`t${t},v1=${v1}`, 'elements must be key=value'],
      [`t=${t},t=${t},v1=${v1}`, 't given twice'],
      [`t=soon,v1=${v1}`, 't must be unix seconds'],
      [`t=1234567890123,v1=${v1}`, 't must be unix seconds'],
      [`t=-5,v1=${v1}`, 't must be unix seconds'],
      [`t=${t},v1=${'g'.repeat(64)}`, 'v1 must be 64 hex digits'],
      [`t=${t},v1=${v1}0`, 'v1 must be 64 hex digits'],
      [`t=${t},v1=x${v1}`, 'v1 must be 64 hex digits'],
      [`v1=${v1}`, 't is missing'],
      [`t=${t},v0=${v1}`, 'v1 is missing'],
    ];
    for (const [header, detail] of cases) {
      const reason = header === '' ? 'missing' : 'malformed';
      expect(verifyMoWebhookSignature({ header, body, secrets: [CURRENT], now }), header.slice(0, 80)).toEqual({ ok: false, reason, detail });
    }
  });

  it('reads a header of up to 1024 characters, spaces around its parts, upper-case hex and keys of a later scheme', () => {
    const t = unix(now);
    const hex = signMoWebhook(CURRENT, body, now).split('v1=')[1] ?? '';
    const spaced = ` t = ${t} , v2=${'f'.repeat(64)}, v1 = ${hex.toUpperCase()} `;
    expect(verifyMoWebhookSignature({ header: spaced, body, secrets: [CURRENT], now })).toEqual({ ok: true, timestamp: t });
    const base = `t=${t},v1=${hex},x=`;
    const longest = base + 'y'.repeat(1024 - base.length);
    expect(longest).toHaveLength(1024);
    expect(verifyMoWebhookSignature({ header: longest, body, secrets: [CURRENT], now })).toEqual({ ok: true, timestamp: t });
  });

  it('accepts a matching signature wherever it stands among several, and under either secret', () => {
    const good = signMoWebhook(CURRENT, body, now).split('v1=')[1] ?? '';
    const t = unix(now);
    for (const header of [`t=${t},v1=${good},v1=${'0'.repeat(64)}`, `t=${t},v1=${'0'.repeat(64)},v1=${good}`]) {
      expect(verifyMoWebhookSignature({ header, body, secrets: [CURRENT, PREVIOUS], now })).toEqual({ ok: true, timestamp: t });
      expect(verifyMoWebhookSignature({ header, body, secrets: [PREVIOUS, CURRENT], now })).toEqual({ ok: true, timestamp: t });
    }
    expect(verifyMoWebhookSignature({ header: `t=${t},v1=${'0'.repeat(64)}`, body, secrets: [CURRENT, PREVIOUS], now })).toEqual({
      ok: false,
      reason: 'mismatch',
      detail: 'no signature matches an active secret',
    });
  });

  it('names the skew and the window when a signature is outside it, which a caller may narrow', () => {
    const signedAt = new Date(now.getTime() - 11_000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, signedAt), body, secrets: [CURRENT], now, toleranceSeconds: 10 })).toEqual({
      ok: false,
      reason: 'stale',
      detail: 'signed 11 s ago; the window is 10 s',
    });
    const ahead = new Date(now.getTime() + 11_000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, ahead), body, secrets: [CURRENT], now, toleranceSeconds: 10 })).toEqual({
      ok: false,
      reason: 'future',
      detail: 'signed 11 s ahead of our clock; the window is 10 s',
    });
    const edge = new Date(now.getTime() + 10_000);
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, edge), body, secrets: [CURRENT], now, toleranceSeconds: 10 })).toMatchObject({ ok: true });
    expect(verifyMoWebhookSignature({ header: signMoWebhook(CURRENT, body, new Date(now.getTime() + 300_000)), body, secrets: [CURRENT], now })).toMatchObject({ ok: true });
  });
});
