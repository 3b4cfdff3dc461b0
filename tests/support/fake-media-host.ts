import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const tlsDir = fileURLToPath(new URL('../fixtures/tls/', import.meta.url));

/**
 * A test-only certificate authority (tests/fixtures/tls): its leaf certificate names
 * api.twilio.test, *.twiliocdn.test and media.test, so a fetcher given this CA and a resolver
 * that sends those names to 127.0.0.1 speaks real TLS, SNI and host-name checks included.
 */
export const TEST_MEDIA_CA = readFileSync(`${tlsDir}test-media-ca.crt`, 'utf8');

export interface SeenRequest {
  path: string;
  host: string | undefined;
  authorization: string | undefined;
}

export interface FakeMediaHost {
  /** Port on 127.0.0.1. */
  port: number;
  /** http://127.0.0.1:port, or https://<name>:port for a TLS host. */
  origin: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A media host on 127.0.0.1 that records every request (path, Host, Authorization). With
 * `tlsName`, it serves https with the test certificate and its origin uses that name.
 */
export async function startFakeMediaHost(handler: Handler, options: { tlsName?: string } = {}): Promise<FakeMediaHost> {
  const seen: SeenRequest[] = [];
  const listener: Handler = (req, res) => {
    seen.push({ path: req.url ?? '', host: req.headers.host, authorization: req.headers.authorization });
    handler(req, res);
  };
  const server: Server = options.tlsName
    ? createHttpsServer(
        { cert: readFileSync(`${tlsDir}test-media-host.crt`), key: readFileSync(`${tlsDir}test-media-host.key`) },
        listener,
      )
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: options.tlsName ? `https://${options.tlsName}:${port}` : `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
