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

  it('refuses a URL that is not http(s), even with a signature made over that very URL', () => {
    for (const url of ['not a url', 'ftp://mycompany.com/x', 'mailto:sms@mycompany.com']) {
      const signature = computeTwilioSignature(AUTH_TOKEN, url, PARAMS);
      expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url, params: PARAMS, signature }), url).toBe(false);
      expect(defaultPortVariants(url), url).toEqual([]);
    }
  });

  it('refuses when no configured URL is given at all', () => {
    expect(validateTwilioSignature({ authToken: AUTH_TOKEN, url: [], params: PARAMS, signature: SIGNATURE })).toBe(false);
  });

  describe('a configured URL that is not in normal form (Twilio signs it exactly as written)', () => {
    const token = 's3cr3t';

    it('accepts the URL as written: upper-case host, encoded space, non-default port', () => {
      const configured = 'https://Example.COM:8443/sms?q=a%20b';
      const signature = computeTwilioSignature(token, configured, PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: configured, params: PARAMS, signature })).toBe(true);
      expect(defaultPortVariants(configured)).toEqual([configured, 'https://example.com:8443/sms?q=a%20b']);
    });

    it('accepts the default port added to the URL as written, host case kept', () => {
      const signature = computeTwilioSignature(token, 'https://Example.COM:443/a%20b?q=a%20b', PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: 'https://Example.COM/a%20b?q=a%20b', params: PARAMS, signature })).toBe(true);
    });

    it('accepts the default port dropped from the URL as written, host case kept', () => {
      const signature = computeTwilioSignature(token, 'http://Example.COM/sms', PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: 'http://Example.COM:80/sms', params: PARAMS, signature })).toBe(true);
    });

    it('keeps user:password in every spelling, as written and as normalised', () => {
      expect(defaultPortVariants('https://User:Pa%20ss@Example.COM/a%20b?q=a%20b#f')).toEqual([
        'https://User:Pa%20ss@Example.COM/a%20b?q=a%20b#f',
        'https://User:Pa%20ss@example.com/a%20b?q=a%20b#f',
        'https://User:Pa%20ss@Example.COM:443/a%20b?q=a%20b#f',
        'https://User:Pa%20ss@example.com:443/a%20b?q=a%20b#f',
      ]);
      expect(defaultPortVariants('http://user@Example.com:80/sms')).toEqual([
        'http://user@Example.com:80/sms',
        'http://user@example.com/sms',
        'http://user@Example.com/sms',
        'http://user@example.com:80/sms',
      ]);
      expect(defaultPortVariants('https://:secret@example.com/x')).toEqual(['https://:secret@example.com/x', 'https://:secret@example.com:443/x']);
    });

    it('accepts a signature over a URL with user:password and the default port', () => {
      const signature = computeTwilioSignature(token, 'https://user:pass@example.com:443/sms', PARAMS);
      expect(validateTwilioSignature({ authToken: token, url: 'https://user:pass@Example.com/sms', params: PARAMS, signature })).toBe(true);
    });
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

    it('keeps an IPv6 host whole when it adds the default port', () => {
      expect(defaultPortVariants('https://[2001:db8::1]/sms')).toEqual(['https://[2001:db8::1]/sms', 'https://[2001:db8::1]:443/sms']);
    });

    it('adds the default port to a written path with a space in it, as written', () => {
      expect(defaultPortVariants('https://Example.com/a b')).toEqual([
        'https://Example.com/a b',
        'https://example.com/a%20b',
        'https://Example.com:443/a b',
        'https://example.com:443/a%20b',
      ]);
    });

    it('has no "as written" spelling for a URL that does not start with its scheme (a leading space the URL parser drops)', () => {
      expect(defaultPortVariants(' https://Example.com/sms')).toEqual([' https://Example.com/sms', 'https://example.com/sms', 'https://example.com:443/sms']);
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
