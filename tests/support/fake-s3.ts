import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Request {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const errorDocument = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * S3's REST object API as a virtual-hosted bucket answers it (the bucket is in the Host header):
 * PUT stores the bytes with their Content-Type, GET returns them or NoSuchKey. `failNext` makes the
 * next requests for a path answer with an S3 error document instead.
 */
export async function startFakeS3() {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const failures = new Map<string, Array<{ status: number; code: string }>>();
  const seen: FakeS3Request[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      const body = Buffer.concat(chunks);
      seen.push({ method: request.method ?? '', path, headers: request.headers, body });
      const failure = failures.get(path)?.shift();
      if (failure) {
        response.writeHead(failure.status, { 'content-type': 'application/xml' }).end(errorDocument(failure.code, 'Injected by the test.'));
      } else if (request.method === 'PUT') {
        objects.set(path, { bytes: body, contentType: request.headers['content-type'] ?? 'binary/octet-stream' });
        response.writeHead(200, { etag: '"fake"' }).end();
      } else {
        const object = objects.get(path);
        if (!object) response.writeHead(404, { 'content-type': 'application/xml' }).end(errorDocument('NoSuchKey', 'The specified key does not exist.'));
        else response.writeHead(200, { 'content-type': object.contentType, 'content-length': object.bytes.length }).end(object.bytes);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    seen,
    failNext(path: string, ...answers: Array<{ status: number; code: string }>) {
      failures.set(path, [...(failures.get(path) ?? []), ...answers]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
