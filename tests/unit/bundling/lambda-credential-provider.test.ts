import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES, bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';
import { REPO_ROOT } from '../../../lib/constructs/gateway-function.ts';
import { credentialsTreatedAsExpired, defaultProvider } from '../../../functions/wiring/aws/lambda-credential-provider.ts';
import { readBody, sendJson, startLocalHttp, type LocalHttpServer } from '../../support/local-http.ts';

const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

let saved: Record<string, string | undefined>;
let servers: LocalHttpServer[];

beforeEach(() => {
  saved = Object.fromEntries(CREDENTIAL_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of CREDENTIAL_VARIABLES) delete process.env[name];
  servers = [];
});

afterEach(async () => {
  for (const name of CREDENTIAL_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await Promise.all(servers.map((server) => server.close()));
});

function useExecutionRoleEnvironment(): void {
  process.env.AWS_ACCESS_KEY_ID = 'ASIALAMBDAROLE000001';
  process.env.AWS_SECRET_ACCESS_KEY = 'role-secret';
  process.env.AWS_SESSION_TOKEN = 'role-session-token';
}

describe('Lambda credential provider (stand-in for the SDK default chain in bundles)', () => {
  it("resolves the execution role's credentials from the environment Lambda sets", async () => {
    useExecutionRoleEnvironment();
    const credentials = await defaultProvider()();
    expect(credentials).toMatchObject({ accessKeyId: 'ASIALAMBDAROLE000001', secretAccessKey: 'role-secret', sessionToken: 'role-session-token' });
  });

  it('falls back to the container credentials endpoint (SnapStart) and caches until near expiry', async () => {
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    const authorizations: Array<string | undefined> = [];
    const endpoint = await startLocalHttp((request, response) => {
      authorizations.push(request.headers.authorization);
      sendJson(response, 200, { AccessKeyId: 'ASIACONTAINER0000001', SecretAccessKey: 'container-secret', Token: 'container-token', Expiration: expiration });
    });
    servers.push(endpoint);
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = `${endpoint.url}/credentials`;
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN = 'container-auth';

    const provider = defaultProvider();
    const first = await provider();
    const second = await provider();

    expect(first).toMatchObject({ accessKeyId: 'ASIACONTAINER0000001', sessionToken: 'container-token' });
    expect(first.expiration?.toISOString()).toBe(expiration);
    expect(second).toBe(first);
    expect(authorizations).toEqual(['container-auth']);
    expect(credentialsTreatedAsExpired({ ...first, expiration: new Date(Date.now() + 60_000) })).toBe(true);
  });

  it('fails naming the ADR instead of trying profiles, SSO or instance metadata', async () => {
    process.env.AWS_PROFILE = 'someone-elses-profile';
    await expect(defaultProvider()()).rejects.toThrow(/no AWS credentials.*0008-lambda-bundle-size/s);
  });

  it('replaces the default chain in the Lambda bundle, and a bundled client signs with the role credentials', async () => {
    const seen: Array<{ authorization?: string; target?: string; body: string }> = [];
    const sqs = await startLocalHttp(async (request, response) => {
      const body = await readBody(request);
      seen.push({ authorization: request.headers.authorization, target: request.headers['x-amz-target'] as string | undefined, body });
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ QueueUrl: `${sqs.url}/000000000000/intake` }));
    });
    servers.push(sqs);
    const outDir = await mkdtemp(join(tmpdir(), 'gateway-bundle-'));
    try {
      const outfile = join(outDir, 'index.mjs');
      const result = await bundleLambda(
        {
          resolveDir: REPO_ROOT,
          sourcefile: 'credential-probe.ts',
          loader: 'ts',
          contents: `
            import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
            export async function queueUrl(endpoint: string): Promise<string | undefined> {
              const client = new SQSClient({ endpoint, region: 'ap-northeast-2', maxAttempts: 1 });
              return (await client.send(new GetQueueUrlCommand({ QueueName: 'intake' }))).QueueUrl;
            }`,
        },
        outfile,
        { sourcemap: false, metafile: true },
      );
      const inputs = Object.keys(result.metafile?.inputs ?? {});
      expect(inputs.some((path) => path.endsWith('functions/wiring/aws/lambda-credential-provider.ts'))).toBe(true);
      expect(inputs.filter((path) => /credential-provider-(node|ini|sso|process|web-identity|login)\/|nested-clients\/|credential-provider-imds\//.test(path))).toEqual([]);

      useExecutionRoleEnvironment();
      const probe = (await import(pathToFileURL(outfile).href)) as { queueUrl(endpoint: string): Promise<string | undefined> };
      await expect(probe.queueUrl(sqs.url)).resolves.toBe(`${sqs.url}/000000000000/intake`);
      expect(seen).toHaveLength(1);
      expect(seen[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=ASIALAMBDAROLE000001\/\d{8}\/ap-northeast-2\/sqs\/aws4_request/);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('aliases only to files that exist, so a CDK asset never bundles a missing module', async () => {
    const { access } = await import('node:fs/promises');
    for (const target of Object.values(BUNDLE_ALIASES)) await expect(access(target)).resolves.toBeUndefined();
  });
});
