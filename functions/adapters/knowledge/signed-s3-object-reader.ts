import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { IndexObjectReader } from '../../core/knowledge/ports.ts';
import { checkIndexObjectKey } from './index-object-keys.ts';

/** What the signer hashes (@smithy/types SourceData). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const bytesOf = (data: SourceData): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** SHA-256 (HMAC-SHA-256 with a secret) for the signer, from node:crypto. */
class NodeSha256 {
  private readonly secret: string | Uint8Array | undefined;
  private hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytesOf(secret);
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/**
 * The headers of a SigV4-signed S3 GET (Authorization, x-amz-date, x-amz-content-sha256 of the
 * empty body, x-amz-security-token for temporary credentials). S3 keys are not escaped twice.
 */
export async function signS3Get(request: { url: URL; region: string; credentials: S3Credentials; headers?: Record<string, string>; at?: Date }): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 's3', region: request.region, credentials: request.credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: true });
  const signed = await signer.sign(
    { method: 'GET', protocol: request.url.protocol, hostname: request.url.hostname, port: request.url.port ? Number(request.url.port) : undefined, path: request.url.pathname, query: {}, headers: { host: request.url.host, ...request.headers } },
    request.at ? { signingDate: request.at } : {},
  );
  return signed.headers;
}

const S3_ERROR_CODE = /<Code>([A-Za-z0-9.]+)<\/Code>/;

/**
 * Reads index objects with one signed GetObject over fetch, without the S3 client: the public
 * answers function is held to the synchronous cold-start budget and the client package alone
 * loads about as much as the whole SDK floor (docs/adr/0029-self-service-answers.md).
 */
export class SignedS3ObjectReader implements IndexObjectReader {
  private readonly endpoint: string;

  constructor(
    private readonly options: {
      bucket: string;
      region: string;
      /** The role's credentials (a memoizing provider: asked on every request). */
      credentials: () => S3Credentials | Promise<S3Credentials>;
      /** Virtual-hosted style by default; a test points it at a local server. */
      endpoint?: string;
      timeoutMs?: number;
    },
  ) {
    // A dotted name breaks the TLS wildcard of virtual-hosted style, which is all this speaks.
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new Error(`bucket name "${options.bucket}" is not one virtual-hosted style can address`);
    const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.endpoint = options.endpoint ?? `https://${options.bucket}.s3.${options.region}.${suffix}`;
  }

  async get(key: string): Promise<Uint8Array | null> {
    const url = new URL(`${this.endpoint}/${checkIndexObjectKey(key)}`);
    let response = await this.send(url);
    // S3 asks callers to retry a 500 or 503 (SlowDown); once, as the object is read once per index.
    if (response.status === 500 || response.status === 503) {
      await response.body?.cancel();
      response = await this.send(url);
    }
    if (response.ok) return new Uint8Array(await response.arrayBuffer());
    const text = await response.text();
    const code = S3_ERROR_CODE.exec(text)?.[1] ?? 'no error code';
    if (response.status === 404 && code === 'NoSuchKey') return null;
    throw new Error(`S3 GetObject ${key}: ${response.status} ${code}`);
  }

  private async send(url: URL): Promise<Response> {
    const headers = await signS3Get({ url, region: this.options.region, credentials: await this.options.credentials() });
    return fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000) });
  }
}
