import { startEmbeddedDynamo } from './embedded-dynamodb.ts';

/**
 * Runs the embedded DynamoDB alone in its own process (`npx tsx local/store-server.ts`), for
 * the benchmark (so the store does not share the gateway's event loop, as in AWS) or for a
 * gateway started with DYNAMODB_ENDPOINT. Prints the endpoint as its first line.
 */
const port = Number(process.env.DYNAMODB_PORT ?? 0);
const store = await startEmbeddedDynamo({ port, ...(process.env.STORE_PATH ? { path: process.env.STORE_PATH } : {}) });
process.stdout.write(`${store.endpoint}\n`);
const stop = () => void store.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
