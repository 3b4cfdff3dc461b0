import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../functions/channels/sms/twiml.ts';
import { smsHelpText } from '../../../functions/core/sms-keywords.ts';
import { twilioEvent, twilioHarness, twilioSmsParams } from '../../support/twilio-webhook.ts';
import { fitSmsText } from '../../../functions/core/sms-charset.ts';

/*
 * The Twilio webhook answers in its TwiML response: a help keyword Twilio does not know gets the
 * 120 help text; every keyword-only text gets no receipt (no complaint is opened for it). The
 * message is still enqueued, so the pipeline records the opt-out or opt-in.
 */
describe('Twilio webhook and SMS keywords', () => {
  const send = async (params: Record<string, string>) => {
    const harness = twilioHarness();
    const response = await harness.invoke(twilioEvent({ params: twilioSmsParams(params), signedUrl: 'https://gw.example.com/sms/twilio', path: '/sms/twilio' }));
    expect(response.statusCode).toBe(200);
    expect(harness.intake.sent).toHaveLength(1);
    return response.body ?? '';
  };

  it.each([
    ['도움말', 'ko'],
    ['帮助', 'zh'],
    ['ヘルプ', 'ja'],
    ['tro giup', 'vi'],
    ['Тусламж', 'mn'],
  ] as const)('answers %j, a help keyword Twilio does not know, with the 120 help text (%s)', async (body, language) => {
    const twiml = await send({ Body: body });
    // The default sender is a Korean handset: Twilio delivers only EUC-KR there (ADR 0020).
    expect(twiml).toContain(`<Message>${escapeXml(fitSmsText({ text: smsHelpText(language), language: 'und' }, 'euc-kr').text)}</Message>`);
    expect(twiml).toContain('120');
    expect(twiml).not.toContain('접수번호 2');
  });

  it('answers a help keyword from a handset abroad with the help text as written', async () => {
    expect(await send({ Body: '帮助', From: '+8613800138000' })).toContain(`<Message>${escapeXml(smsHelpText('zh'))}</Message>`);
  });

  it.each([
    ['HELP', {}],
    ['info', {}],
    ['Help', { OptOutType: 'HELP' }],
  ])('leaves %j to Twilio, which answers its own help keywords', async (body, extra) => {
    expect(await send({ Body: body, ...extra })).not.toContain('<Message>');
  });

  it.each([['STOP'], ['수신거부'], ['退订'], ['START'], ['수신동의']])('sends no receipt for the keyword %j', async (body) => {
    expect(await send({ Body: body })).not.toContain('<Message>');
  });

  it('answers a provider opt-in on an ordinary word ("Yes") with the receipt, as the message it also is', async () => {
    expect(await send({ Body: 'Yes', OptOutType: 'START' })).toContain('접수');
  });
});
