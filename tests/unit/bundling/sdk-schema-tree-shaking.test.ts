import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GATEWAY_ESBUILD_OPTIONS, REPO_ROOT, bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';
import { SDK_SCHEMA_FILE, markSchemaDeclarationsPure } from '../../../lib/constructs/sdk-schema-tree-shaking.ts';
import { readBody, startLocalHttp, type LocalHttpServer } from '../../support/local-http.ts';

// The shape of an SDK schemas file: string table, operation schemas with computed trait keys,
// error registrations (side effects that must survive).
const SCHEMAS_SAMPLE = `
const _h = "http";
const _e = "error";
const n0 = "com.example";
const registered = [];
export var Unused$ = [9, n0, "Unused", { [_h]: ["PUT", "/unused", 200] }, () => UnusedInput$, () => UnusedInput$];
export var UnusedInput$ = [3, n0, "UnusedInput", 0, ["Name"], [0]];
export var Used$ = [9, n0, "Used", { [_h]: ["POST", "/used", 200] }, () => UsedInput$, () => UsedInput$];
export var UsedInput$ = [3, n0, "UsedInput", 0, ["Id"], [0]];
export var Boom$ = [-3, n0, "Boom", { [_e]: "client" }, [], []];
registered.push(Boom$);
export const registry = { registered, count: () => registered.length };
`;

describe('SDK schema tree shaking (esbuild plugin)', () => {
  it('matches the schemas files of SDK clients and nothing else', () => {
    expect(SDK_SCHEMA_FILE.test('/r/node_modules/@aws-sdk/client-connect/dist-es/schemas/schemas_0.js')).toBe(true);
    expect(SDK_SCHEMA_FILE.test('C:\\r\\node_modules\\@aws-sdk\\client-s3\\dist-es\\schemas\\schemas_1.js')).toBe(true);
    expect(SDK_SCHEMA_FILE.test('/r/node_modules/@aws-sdk/client-s3/dist-es/endpoint/bdd.js')).toBe(false);
    expect(SDK_SCHEMA_FILE.test('/r/node_modules/@aws-sdk/core/dist-es/schemas/schemas_0.js')).toBe(false);
  });

  it('wraps each top-level array or object initializer in a pure IIFE and leaves statements alone', () => {
    const out = markSchemaDeclarationsPure(SCHEMAS_SAMPLE);
    expect(out).toContain('export var Used$ = /* @__PURE__ */ (() => ([9, n0, "Used", { [_h]: ["POST", "/used", 200] }, () => UsedInput$, () => UsedInput$]))();');
    expect(out).toContain('const _h = "http";');
    expect(out).toContain('registered.push(Boom$);');
    expect(out.match(/@__PURE__/g)).toHaveLength(7);
  });

  it('computes the same values as the original module', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schema-shake-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(join(dir, 'original.mjs'), SCHEMAS_SAMPLE);
      await writeFile(join(dir, 'pure.mjs'), markSchemaDeclarationsPure(SCHEMAS_SAMPLE));
      const original = (await import(pathToFileURL(join(dir, 'original.mjs')).href)) as Record<string, unknown>;
      const pure = (await import(pathToFileURL(join(dir, 'pure.mjs')).href)) as Record<string, unknown>;
      const shape = (module: Record<string, unknown>) => JSON.stringify(module, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value));
      expect(shape(pure)).toBe(shape(original));
      expect((pure.registry as { count(): number }).count()).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('on the real Amazon Connect client', () => {
    let dir: string;
    let servers: LocalHttpServer[];
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'schema-shake-connect-'));
      servers = [];
    });
    afterEach(async () => {
      await Promise.all(servers.map((server) => server.close()));
      await rm(dir, { recursive: true, force: true });
    });

    const probe = {
      resolveDir: REPO_ROOT,
      sourcefile: 'connect-probe.ts',
      loader: 'ts' as const,
      contents: `
        import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';
        export async function startChat(endpoint: string): Promise<string | undefined> {
          const client = new ConnectClient({ endpoint, region: 'ap-northeast-2', maxAttempts: 1, credentials: { accessKeyId: 'AKIDPROBE', secretAccessKey: 'probe' } });
          const out = await client.send(new StartChatContactCommand({
            InstanceId: 'instance-1', ContactFlowId: 'flow-1', ClientToken: 'message-1',
            ParticipantDetails: { DisplayName: '시민' }, Attributes: { receiptNo: '20261129-ABCDE-FGHIJ' },
          }));
          return out.ContactId;
        }`,
    };

    it('drops the schemas of operations the bundle never calls (without the plugin they stay)', async () => {
      await bundleLambda(probe, join(dir, 'with.mjs'), { sourcemap: false });
      await build({ ...GATEWAY_ESBUILD_OPTIONS, mainFields: [...GATEWAY_ESBUILD_OPTIONS.mainFields], sourcemap: false, logLevel: 'error', stdin: probe, outfile: join(dir, 'without.mjs') });
      const withPlugin = await readFile(join(dir, 'with.mjs'), 'utf8');
      const withoutPlugin = await readFile(join(dir, 'without.mjs'), 'utf8');
      expect(withoutPlugin).toContain('CreateUserHierarchyGroupRequest');
      expect(withPlugin).not.toContain('CreateUserHierarchyGroupRequest');
      expect(withPlugin).toContain('StartChatContactRequest');
      expect(withoutPlugin.length - withPlugin.length).toBeGreaterThan(100 * 1024);
    });

    it('still serializes the request and parses the answer as the unmodified client does', async () => {
      const seen: Array<{ method?: string; url?: string; body: string }> = [];
      const connect = await startLocalHttp(async (request, response) => {
        seen.push({ method: request.method, url: request.url, body: await readBody(request) });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ContactId: 'contact-42', ParticipantId: 'p-1', ParticipantToken: 't-1' }));
      });
      servers.push(connect);
      await bundleLambda(probe, join(dir, 'probe.mjs'), { sourcemap: false });
      const bundled = (await import(pathToFileURL(join(dir, 'probe.mjs')).href)) as { startChat(endpoint: string): Promise<string | undefined> };

      await expect(bundled.startChat(connect.url)).resolves.toBe('contact-42');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.method).toBe('PUT');
      expect(seen[0]?.url).toBe('/contact/chat');
      expect(JSON.parse(seen[0]?.body ?? '{}')).toEqual({
        InstanceId: 'instance-1',
        ContactFlowId: 'flow-1',
        ClientToken: 'message-1',
        ParticipantDetails: { DisplayName: '시민' },
        Attributes: { receiptNo: '20261129-ABCDE-FGHIJ' },
      });
    });
  });
});
