import { describe, expect, it } from 'vitest';
import { twilioEvent, twilioHarness, twilioSmsParams } from '../../support/twilio-webhook.ts';

/*
 * Twilio signs the webhook URL exactly as it is configured on the number, query string included
 * as typed (Twilio "Webhooks security"; twilio-node validateRequest takes "the full URL (with query
 * string) you configured"). API Gateway hands the Lambda the query decoded, so the handler must
 * check the spellings that query can have had, not one re-encoding of it.
 */
describe('Twilio webhook: the URL the signature covers', () => {
  const params = twilioSmsParams();

  it.each([
    ['an encoded space', 'https://gw.example.com/prod/sms/twilio?tag=a%20b', { tag: ['a b'] }],
    ['a form-encoded space', 'https://gw.example.com/prod/sms/twilio?tag=a+b', { tag: ['a b'] }],
    ['a parameter without a value', 'https://gw.example.com/prod/sms/twilio?flag', { flag: [''] }],
    ['a parameter with an empty value', 'https://gw.example.com/prod/sms/twilio?flag=', { flag: [''] }],
    ['a value-less parameter beside an encoded one', 'https://gw.example.com/prod/sms/twilio?flag&tag=%ED%95%9C%20b', { flag: [''], tag: ['한 b'] }],
    ['a repeated parameter', 'https://gw.example.com/prod/sms/twilio?n=1&n=2', { n: ['1', '2'] }],
  ])('accepts a correctly signed request whose configured URL has %s', async (_label, signedUrl, query) => {
    const harness = twilioHarness();
    const response = await harness.invoke(twilioEvent({ params, signedUrl, path: '/prod/sms/twilio', query }));
    expect(response.statusCode).toBe(200);
    expect(harness.intake.sent).toHaveLength(1);
  });

  it('accepts a configured URL whose host is not in normal form (upper case), with an encoded space', async () => {
    const harness = twilioHarness({ publicBaseUrl: 'https://GW.Example.COM' });
    const signedUrl = 'https://GW.Example.COM/prod/sms/twilio?tag=a%20b';
    const response = await harness.invoke(twilioEvent({ params, signedUrl, path: '/prod/sms/twilio', query: { tag: ['a b'] } }));
    expect(response.statusCode).toBe(200);
  });

  it('accepts a configured URL with user:password (Twilio HTTP authentication)', async () => {
    const harness = twilioHarness({ publicBaseUrl: 'https://twilio:s3cr%40t@gw.example.com' });
    const signedUrl = 'https://twilio:s3cr%40t@gw.example.com/prod/sms/twilio';
    const response = await harness.invoke(twilioEvent({ params, signedUrl, path: '/prod/sms/twilio' }));
    expect(response.statusCode).toBe(200);
  });

  it('accepts the default port spelled out by Twilio on an upper-case configured host', async () => {
    const harness = twilioHarness({ publicBaseUrl: 'https://GW.Example.COM' });
    const signedUrl = 'https://GW.Example.COM:443/prod/sms/twilio?tag=a%20b';
    const response = await harness.invoke(twilioEvent({ params, signedUrl, path: '/prod/sms/twilio', query: { tag: ['a b'] } }));
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['another query value', 'https://gw.example.com/prod/sms/twilio?tag=a%20c', { tag: ['a b'] }],
    ['a query the request does not carry', 'https://gw.example.com/prod/sms/twilio?tag=a', undefined],
    ['no query when the request carries one', 'https://gw.example.com/prod/sms/twilio', { tag: ['a'] }],
    ['another path', 'https://gw.example.com/prod/sms/other', undefined],
    ['another host', 'https://evil.example.com/prod/sms/twilio', undefined],
    ['another user:password', 'https://other:x@gw.example.com/prod/sms/twilio', undefined],
  ])('refuses a signature over %s', async (_label, signedUrl, query) => {
    const harness = twilioHarness();
    const response = await harness.invoke(twilioEvent({ params, signedUrl, path: '/prod/sms/twilio', ...(query ? { query } : {}) }));
    expect(response.statusCode).toBe(403);
    expect(harness.intake.sent).toHaveLength(0);
  });
});
