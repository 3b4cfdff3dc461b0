/**
 * The esbuild options every Lambda is bundled with. Plain data (no CDK import) so the
 * benchmark can bundle each handler exactly as `cdk synth` does and measure the same bytes.
 * GatewayFunction maps these onto NodejsFunction's bundling options.
 */

/**
 * ESM output has no `require`; bundled CommonJS dependencies (parts of the AWS SDK) still call
 * it, so one is created from import.meta.url. Aliased to avoid clashing with bundle identifiers.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __gatewayCreateRequire } from 'node:module';" +
  'const require = __gatewayCreateRequire(import.meta.url);';

export const NODE_TARGET = 'node22';

export const GATEWAY_ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: NODE_TARGET,
  platform: 'node',
  banner: { js: ESM_REQUIRE_SHIM },
  // Prefer the ESM build of dual packages: smaller output and tree-shaking.
  mainFields: ['module', 'main'],
  sourcemap: true,
  // Korean prompts stay readable bytes instead of \uXXXX escapes (smaller bundles).
  charset: 'utf8',
  // Nothing external: the AWS SDK is bundled so the code runs against the versions it was tested with.
  external: [] as string[],
} as const;

/** File name of the bundled handler inside the asset, as Lambda loads it (`index.handler`). */
export const BUNDLE_FILE_NAME = 'index.mjs';
