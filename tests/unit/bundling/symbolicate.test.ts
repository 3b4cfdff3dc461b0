import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceMapPayload } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, bundleLambda } from '../../../lib/constructs/gateway-function-bundling.ts';
import { symbolicateStack } from '../../../scripts/symbolicate.ts';

describe('symbolicate (reading a stack trace of a bundle deployed without a source map)', () => {
  it('maps the frames of the deployed bytes back to the source file and line, with a map built afterwards', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'symbolicate-test-'));
    const probe = {
      resolveDir: REPO_ROOT,
      sourcefile: 'failing-handler.ts',
      loader: 'ts' as const,
      contents: ['export async function handler(event: { id?: string }): Promise<string> {', '  if (!event.id) {', "    throw new Error('no id');", '  }', '  return event.id;', '}'].join('\n'),
    };
    try {
      // Deployed: no map. Rebuilt later: with a map. The code bytes must be the same.
      await bundleLambda(probe, join(dir, 'deployed', 'index.mjs'));
      await bundleLambda(probe, join(dir, 'rebuilt', 'index.mjs'), { sourcemap: true });
      const deployed = await readFile(join(dir, 'deployed', 'index.mjs'), 'utf8');
      const rebuilt = await readFile(join(dir, 'rebuilt', 'index.mjs'), 'utf8');
      expect(rebuilt.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n')).toBe(deployed);

      const bundle = (await import(pathToFileURL(join(dir, 'deployed', 'index.mjs')).href)) as { handler(event: object): Promise<string> };
      const stack = await bundle.handler({}).then(
        () => '',
        (error: Error) => error.stack ?? '',
      );
      expect(stack).toMatch(/index\.mjs:\d+:\d+/);
      expect(stack).not.toContain('failing-handler.ts');

      const map = JSON.parse(await readFile(join(dir, 'rebuilt', 'index.mjs.map'), 'utf8')) as SourceMapPayload;
      const readable = symbolicateStack(stack, map);
      expect(readable).toContain('failing-handler.ts:3:');
      expect(readable).not.toMatch(/index\.mjs:\d+:\d+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
