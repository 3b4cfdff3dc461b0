import { describe, expect, it } from 'vitest';
import { computeTwilioSignature, defaultPortVariants, validateTwilioSignature } from '../../../functions/channels/sms/twilio-signature.ts';
import { parseFormBody } from '../../../functions/channels/sms/form-body.ts';

// Twilio's published example (docs "Webhooks security" / twilio-node api-snippets
// security/signature_validation): auth token 12345, this URL and these POST parameters.
const AUTH_TOKEN = '12345';
const URL_ = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675310',
  Digits: '1234',
  From: '+14158675310',
  To: '+18005551212',
};
const SIGNATURE = 'GvWf1cFY/Q7PnoempGyD5oXAezc=';

describe('Twilio request signature', () => {
  it("computes Twilio's published signature for its documented example", () => {
    expect(computeTwilioSignature(AUTH_TOKEN, URL_, PARAMS)).toBe(SIGNATURE);
  });

  it("accepts Twilio's published example", () => {
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: PARAMS, signature: SIGNATURE })).toBe(true);
  });

  it('does not depend on the order the parameters arrived in', () => {
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: reversed, signature: SIGNATURE })).toBe(true);
  });

  it('refuses a tampered parameter value', () => {
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: { ...PARAMS, Digits: '9999' }, signature: SIGNATURE })).toBe(false);
  });

  it('refuses an added parameter', () => {
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: { ...PARAMS, Body: 'x' }, signature: SIGNATURE })).toBe(false);
  });

  it('refuses a removed parameter', () => {
    const { Digits: _omitted, ...rest } = PARAMS;
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: rest, signature: SIGNATURE })).toBe(false);
  });

  it('refuses a tampered URL (query, path, scheme, host)', () => {
    for (const url of [
      'https://mycompany.com/myapp.php?foo=1&bar=3',
      'https://mycompany.com/other.php?foo=1&bar=2',
      'http://mycompany.com/myapp.php?foo=1&bar=2',
      'https://evil.example/myapp.php?foo=1&bar=2',
    ]) {
      expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url, params: PARAMS, signature: SIGNATURE }), url).toBe(false);
    }
  });

  it('refuses the right signature under a different auth token', () => {
    expect(validateTwilioSignature({ authToken: '54321', url: URL_, params: PARAMS, signature: SIGNATURE })).toBe(false);
  });

  it('refuses a missing, empty or truncated signature', () => {
    for (const signature of [undefined, null, '', SIGNATURE.slice(0, -1), `${SIGNATURE}=`]) {
      expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: URL_, params: PARAMS, signature }), String(signature)).toBe(false);
    }
  });

  it('refuses to validate without an auth token rather than accepting everything', () => {
    expect(() => validateTwilioSignature({ authToken: '', url: URL_, params: PARAMS, signature: SIGNATURE })).toThrow(/auth token/);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: 'not a url', params: PARAMS, signature: SIGNATURE })).toBe(false);
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: 'ftp://mycompany.com/x', params: PARAMS, signature: SIGNATURE })).toBe(false);
  });

  describe('default ports, as twilio-node accepts them', () => {
    const token = 's3cr3t';
    const cases: Array<[signedUrl: string, requestUrl: string]> = [
      ['https://example.com:443/path?test=param', 'https://example.com/path?test=param'],
      ['https://example.com/path?test=param', 'https://example.com:443/path?test=param'],
      ['https://example.com:443/path?test=param', 'https://example.com:443/path?test=param'],
      ['http://example.com:80/sms', 'http://example.com/sms'],
      ['http://example.com/sms', 'http://example.com:80/sms'],
    ];
    for (const [signedUrl, requestUrl] of cases) {
      it(`accepts a signature over ${signedUrl} on ${requestUrl}`, () => {
        const signature = computeTwilioSignature(token, signedUrl, PARAMS);
        expect(validateTwilioSignature({ authToken: token, url: requestUrl, params: PARAMS, signature })).toBe(true);
      });
    }

    it('does not treat a non-default port as optional', () => {
      const signature = computeTwilioSignature(token, 'https://example.com:8443/sms', PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: 'https://example.com/sms', params: PARAMS, signature })).toBe(false);
    });

    it('does not accept the other scheme\'s default port', () => {
      const signature = computeTwilioSignature(token, 'https://example.com:80/sms', PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: 'https://example.com/sms', params: PARAMS, signature })).toBe(false);
    });

    it('lists the spellings with and without the default port', () => {
      expect(defaultPortVariants('https://example.com/a?b=1')).toEqual(['https://example.com/a?b=1', 'https://example.com:443/a?b=1']);
    });
  });

  it('validates a real-shaped SMS webhook with Hangul and emoji parsed from its form body', () => {
    const params = {
      MessageSid: 'SM5566778899aabbccddeeff0011223344',
      AccountSid: 'ACa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
      From: '+821055550123',
      To: '+8215990120',
      Body: '가로등 고장 😢 빨리 고쳐주세요 & 감사합니다 + 👍🏽',
      NumMedia: '0',
    };
    const url = 'https://abc123.execute-api.ap-northeast-2.amazonaws.com/sms/twilio';
    const signature = computeTwilioSignature('tok', url, params);
    const body = new URLSearchParams(params).toString();
    const parsed = parseFormBody(Buffer.from(body).toString('base64'), { isBase64Encoded: true });
    expect(validateTwilioSignature({ authToken: 'tok', url, params: parsed, signature })).toBe(true);
    expect(validateTwilioSignature({ authToken: 'tok', url, params: { ...parsed, Body: parsed.Body + ' ' }, signature })).toBe(false);
  });
});
