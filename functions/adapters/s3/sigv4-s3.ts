import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/*
 * SigV4 for the few S3 calls functions make without the S3 client: the client package with its
 * XML protocol and checksum middleware loaded about as much as the whole SDK floor, for one GET
 * or PUT per call (ADR 0008, ADR 0029).
 */

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

export interface S3Request {
  method: 'GET' | 'PUT';
  /** Its path already URI-encoded once, as S3 wants it in the canonical request (not twice). */
  url: URL;
  region: string;
  credentials: S3Credentials;
  headers?: Record<string, string>;
  body?: Uint8Array;
  at?: Date;
}

/**
 * The headers of a SigV4-signed S3 request: Authorization, x-amz-date, x-amz-content-sha256 of the
 * body (of the empty body for a GET), x-amz-security-token for temporary credentials.
 */
export async function signS3Request(request: S3Request): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 's3', region: request.region, credentials: request.credentials, sha256: NodeSha256, uriEscapePath: false, applyChecksum: true });
  const { url } = request;
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: { host: url.host, ...request.headers },
      ...(request.body ? { body: request.body } : {}),
    },
    request.at ? { signingDate: request.at } : {},
  );
  return signed.headers;
}

const S3_ERROR_CODE = /<Code>([A-Za-z0-9.]+)<\/Code>/;

/** The error code of an S3 error document (`NoSuchKey`, `AccessDenied`...). */
export function s3ErrorCode(body: string): string {
  return S3_ERROR_CODE.exec(body)?.[1] ?? 'no error code';
}

export interface SignedBucketOptions {
  bucket: string;
  region: string;
  /** The role's credentials (a memoizing provider: asked on every request). */
  credentials: () => S3Credentials | Promise<S3Credentials>;
  /** Virtual-hosted style by default; a test points it at a local server. */
  endpoint?: string;
  timeoutMs?: number;
}

/** One bucket's objects, addressed virtual-hosted style: a dotted bucket name breaks its TLS wildcard. */
export class SignedS3Bucket {
  private readonly endpoint: string;

  constructor(
    private readonly options: SignedBucketOptions,
    private readonly defaultTimeoutMs: number,
  ) {
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(options.bucket)) throw new Error(`bucket name "${options.bucket}" is not one virtual-hosted style can address`);
    const suffix = options.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    this.endpoint = options.endpoint ?? `https://${options.bucket}.s3.${options.region}.${suffix}`;
  }

  /**
   * Sends a signed request for a key (checked by the caller: nothing in it is escaped), once more
   * after a 500 or 503 (SlowDown), as S3 asks callers to
   * ([error responses](https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html)).
   */
  async send(method: 'GET' | 'PUT', key: string, headers?: Record<string, string>, body?: Uint8Array): Promise<Response> {
    const url = new URL(`${this.endpoint}/${key}`);
    const once = async () => {
      const signed = await signS3Request({ method, url, region: this.options.region, credentials: await this.options.credentials(), ...(headers ? { headers } : {}), ...(body ? { body } : {}) });
      return fetch(url, {
        method,
        headers: signed,
        // Buffers from fetch and node:fs sit on an ArrayBuffer; fetch's types only want that one.
        ...(body ? { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength) } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? this.defaultTimeoutMs),
      });
    };
    const first = await once();
    if (first.status !== 500 && first.status !== 503) return first;
    await first.body?.cancel();
    return once();
  }
}
