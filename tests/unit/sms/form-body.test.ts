import { describe, expect, it } from 'vitest';
import { FormBodyError, parseFormBody } from '../../../functions/channels/sms/form-body.ts';

describe('parseFormBody', () => {
  it('decodes Twilio-style form encoding: + as space, percent escapes, UTF-8', () => {
    const body = 'Body=%EA%B0%80%EB%A1%9C%EB%93%B1+%F0%9F%98%A2&From=%2B821055550123&NumMedia=0';
    expect(parseFormBody(body)).toEqual({ Body: '가로등 😢', From: '+821055550123', NumMedia: '0' });
  });

  it('round-trips what URLSearchParams encodes, byte for byte', () => {
    const params = { Body: 'a+b & c=d % 100% 👨‍👩‍👧 한글\n줄바꿈', Empty: '' };
    expect(parseFormBody(new URLSearchParams(params).toString())).toEqual(params);
  });

  it('decodes a base64 body as API Gateway passes it', () => {
    const body = Buffer.from('MessageSid=SM1&Body=%EC%95%88%EB%85%95').toString('base64');
    expect(parseFormBody(body, { isBase64Encoded: true })).toEqual({ MessageSid: 'SM1', Body: '안녕' });
  });

  it('keeps an empty value as an empty string', () => {
    expect(parseFormBody('Body=&NumMedia=1')).toEqual({ Body: '', NumMedia: '1' });
  });

  it('ignores a trailing ampersand', () => {
    expect(parseFormBody('A=1&')).toEqual({ A: '1' });
  });

  const malformed: Array<[string, string | null | undefined, RegExp, { isBase64Encoded?: boolean; maxBytes?: number }?]> = [
    ['a missing body', undefined, /empty/],
    ['a null body', null, /empty/],
    ['an empty body', '', /empty/],
    ['only separators', '&&', /no form parameters/],
    ['a parameter without "="', 'Body=hi&junk', /without "="/],
    ['a parameter with an empty name', '=value', /empty name/],
    ['a broken percent escape', 'Body=%E0%A4%A', /percent-escape/],
    ['percent-encoded invalid UTF-8', 'Body=%FF%FE', /percent-escape|UTF-8/],
    ['a repeated parameter name', 'Body=a&Body=b', /more than once/],
    ['base64 that is not base64', '%%%not-base64%%%', /base64/, { isBase64Encoded: true }],
    ['base64 of invalid UTF-8', Buffer.from([0x42, 0x3d, 0xff, 0xfe]).toString('base64'), /UTF-8/, { isBase64Encoded: true }],
    ['a body over the size cap', `Body=${'x'.repeat(100)}`, /exceeds 50 bytes/, { maxBytes: 50 }],
  ];
  for (const [what, body, reason, options] of malformed) {
    it(`refuses ${what} with a clear reason`, () => {
      expect(() => parseFormBody(body, options)).toThrow(FormBodyError);
      expect(() => parseFormBody(body, options)).toThrow(reason);
    });
  }

  it('does not let a "__proto__" parameter reach the prototype', () => {
    const parsed = parseFormBody('__proto__=x&A=1');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'A']);
  });
});
