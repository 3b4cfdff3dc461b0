import { parseArgs } from 'node:util';
import { loadLocalConfig } from '../local/config.ts';
import { postMoSms } from '../local/simulated-mo-relay.ts';

/**
 * `npm run sms:mo -- --from 010-1234-5678 "가로등이 꺼졌어요"`: plays a Korean MO relay against the
 * running local gateway (signed with MO_WEBHOOK_SECRET). `--id` repeats a relay message id, to see
 * a retry stored once.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    from: { type: 'string', default: '010-1234-5678' },
    to: { type: 'string', default: '1666-0120' },
    id: { type: 'string' },
  },
});
const config = loadLocalConfig();
const gatewayUrl = `http://${config.HOST}:${config.PORT}`;
try {
  const result = await postMoSms({
    gatewayUrl,
    secret: config.MO_WEBHOOK_SECRET,
    mo: { from: values.from, to: values.to, text: positionals.join(' '), ...(values.id ? { messageId: values.id } : {}) },
  });
  process.stdout.write(`${result.status} ${result.body}\n`);
  process.exitCode = result.status === 200 ? 0 : 1;
} catch (error) {
  // fetch reports a refused connection as a TypeError; one line says what to do.
  if (!(error instanceof TypeError)) throw error;
  process.stderr.write(`no local gateway answers at ${gatewayUrl}: start it with \`npm start\` (or set PORT)\n`);
  process.exitCode = 1;
}
