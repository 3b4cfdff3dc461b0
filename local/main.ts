import { loadLocalConfig } from './config.ts';
import { startLocalGateway } from './gateway.ts';
import { startBanner } from './start-banner.ts';

/** `npm start`: the whole gateway on this machine, on the embedded DynamoDB. */
async function main(): Promise<void> {
  const config = loadLocalConfig();
  const gateway = await startLocalGateway(config);
  process.stdout.write(startBanner(gateway, config));

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
