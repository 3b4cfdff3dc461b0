import { buildSync } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../constructs/gateway-function-bundling.ts';

/** The counselor workspace app's sources (web/console/src) and where `npm run build:web` writes it. */
export const WORKSPACE_APP_DIR = join(REPO_ROOT, 'web', 'console');
export const WORKSPACE_APP_ENTRY = join(WORKSPACE_APP_DIR, 'src', 'main.js');
export const WORKSPACE_APP_LOCAL_OUT = join(WORKSPACE_APP_DIR, 'dist');

export interface WorkspaceAppBundle {
  /** Bytes per output file (app.js, and the chunk only the agent workspace loads). */
  files: Record<string, number>;
}

/**
 * Bundles the app for the browser: one ES module (`app.js`) plus split chunks loaded on demand, so
 * the Amazon Connect SDK reaches the browser only inside the agent workspace. Synchronous, as CDK
 * construction is; esbuild's own output is deterministic, so the asset hash changes with the code.
 */
export function bundleWorkspaceApp(outDir: string, options: { sourcemap?: boolean } = {}): WorkspaceAppBundle {
  rmSync(outDir, { recursive: true, force: true });
  const result = buildSync({
    entryPoints: { app: WORKSPACE_APP_ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome120', 'firefox120', 'safari17'],
    minify: true,
    sourcemap: options.sourcemap ? 'linked' : false,
    legalComments: 'eof',
    chunkNames: 'chunk-[hash]',
    outdir: outDir,
    metafile: true,
    logLevel: 'silent',
  });
  const files = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([path]) => path.endsWith('.js'))
      .map(([path, output]) => [path.split('/').pop() ?? path, output.bytes]),
  );
  return { files };
}
