import { loadLocalConfig } from './config.ts';
import { startLocalGateway } from './gateway.ts';

/** `npm start`: the whole gateway on this machine, on the embedded DynamoDB. */
async function main(): Promise<void> {
  const config = loadLocalConfig();
  const gateway = await startLocalGateway(config);
  const lines = [
    'citizen contact gateway (local) is up',
    `  HTTP             ${gateway.url}`,
    `  health           ${gateway.url}/health`,
    `  Twilio webhook   ${config.publicBaseUrl}/sms/twilio   (auth token: ${config.TWILIO_AUTH_TOKEN === 'local-twilio-auth-token' ? 'the documented local default' : 'from TWILIO_AUTH_TOKEN'})`,
    `  SNS (EUM) HTTPS  ${gateway.url}/sms/aws-eum`,
    `  complaints API   ${gateway.url}/api/complaints`,
    `  outbox           ${gateway.url}/api/outbox`,
    `  DynamoDB         ${gateway.dynamoEndpoint}   (aws dynamodb scan --table-name ${config.TABLE_NAME} --endpoint-url ${gateway.dynamoEndpoint})`,
    `  data dir         ${config.dataDir}`,
    `  translation      ${gateway.translatorName}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`${signal}: closing the local gateway\n`);
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while closing: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`local gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
