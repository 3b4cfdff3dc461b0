import { parseArgs } from 'node:util';
import { loadLocalConfig } from '../local/config.ts';
import { findRunningGateway } from '../local/running-gateway.ts';
import { postTwilioSms } from '../local/simulated-twilio.ts';

/**
 * `npm run sms -- --from 010-1234-5678 "불법 주차 신고합니다"`: plays Twilio against the running
 * local gateway. Without HOST/PORT it posts to the gateway started on the same DATA_DIR, on
 * whatever port it runs.
 */
const USAGE = 'usage: npm run sms -- [--from <number>] [--media <url> ...] [--type <content type>] "<text>"';

function parsed() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        from: { type: 'string', default: '010-1234-5678' },
        media: { type: 'string', multiple: true },
        type: { type: 'string', default: 'image/jpeg' },
      },
    });
  } catch (error) {
    // A mistyped option is the user's slip, not a crash: one line with what it takes.
    const reason = error instanceof Error ? error.message.split('.')[0] : String(error);
    process.stderr.write(`${reason}. ${USAGE}\n`);
    process.exit(2);
  }
}

const { values, positionals } = parsed();
const config = loadLocalConfig();
const running = process.env.PORT || process.env.HOST ? null : await findRunningGateway(config.dataDir);
const gatewayUrl = running?.url ?? `http://${config.HOST}:${config.PORT}`;
const body = positionals.join(' ');
try {
  const result = await postTwilioSms({
    gatewayUrl,
    publicBaseUrl: process.env.PUBLIC_BASE_URL ? config.publicBaseUrl : (running?.publicBaseUrl ?? config.publicBaseUrl),
    authToken: config.TWILIO_AUTH_TOKEN,
    accountSid: config.TWILIO_ACCOUNT_SID,
    sms: { from: values.from, body, media: (values.media ?? []).map((url) => ({ url, contentType: values.type })) },
  });
  process.stdout.write(`${result.status} ${result.body}\n`);
  process.exitCode = result.status === 200 ? 0 : 1;
} catch (error) {
  const cause = error instanceof Error && error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? error.cause.message) : String(error);
  process.stderr.write(`no local gateway answers at ${gatewayUrl} (${cause}): start it with npm start, or set PORT (and HOST) to where it runs\n`);
  process.exitCode = 1;
}
