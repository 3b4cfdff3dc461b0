import { parseArgs } from 'node:util';
import { loadLocalConfig } from '../local/config.ts';
import { postTwilioSms } from '../local/simulated-twilio.ts';

/** `npm run sms -- --from 010-1234-5678 "불법 주차 신고합니다"`: plays Twilio against the running local gateway. */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string', default: '010-1234-5678' },
    media: { type: 'string', multiple: true },
    type: { type: 'string', default: 'image/jpeg' },
  },
});
const config = loadLocalConfig();
const body = positionals.join(' ');
const result = await postTwilioSms({
  gatewayUrl: `http://${config.HOST}:${config.PORT}`,
  publicBaseUrl: config.publicBaseUrl,
  authToken: config.TWILIO_AUTH_TOKEN,
  accountSid: config.TWILIO_ACCOUNT_SID,
  sms: { from: values.from, body, media: (values.media ?? []).map((url) => ({ url, contentType: values.type })) },
});
process.stdout.write(`${result.status} ${result.body}\n`);
process.exitCode = result.status === 200 ? 0 : 1;
