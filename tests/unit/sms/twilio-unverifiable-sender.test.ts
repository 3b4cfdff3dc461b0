import { describe, expect, it } from 'vitest';
import { twilioEvent, twilioHarness, twilioSmsParams } from '../../support/twilio-webhook.ts';

/*
 * A From that is not a phone number we can normalise (a short code, an alphanumeric sender id, a
 * malformed number) is still a citizen's text: it is accepted and stored (the pipeline masks and
 * flags the sender), and since nothing can be sent back to it, no receipt SMS is attempted.
 */
describe('Twilio webhook from a sender that is not a usable phone number', () => {
  it.each([
    ['an alphanumeric sender id', 'SEOULBUS'],
    ['a short code', '1588'],
    ['a five-digit short code', '12345'],
    ['a malformed mobile number', '010-1234-567'],
  ])('accepts the text from %s (%s) and answers without a receipt message', async (_label, from) => {
    const harness = twilioHarness();
    const params = twilioSmsParams({ From: from });
    const response = await harness.invoke(twilioEvent({ params, signedUrl: 'https://gw.example.com/prod/sms/twilio', path: '/prod/sms/twilio' }));

    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<Message>');
    expect(harness.intake.sent).toHaveLength(1);
    const [sent] = harness.intake.sent;
    expect(sent?.envelope).toMatchObject({ kind: 'inbound', message: { citizenHandle: from, text: params.Body } });
  });

  it('still answers a normal phone number with the receipt', async () => {
    const harness = twilioHarness();
    const response = await harness.invoke(twilioEvent({ params: twilioSmsParams(), signedUrl: 'https://gw.example.com/prod/sms/twilio', path: '/prod/sms/twilio' }));
    expect(response.body).toContain('<Message>');
  });
});
