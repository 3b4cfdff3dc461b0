/**
 * The esbuild options every Lambda is bundled with. Plain data (no CDK import) so the
 * benchmark can bundle each handler exactly as `cdk synth` does and measure the same bytes.
 * GatewayFunction maps these onto NodejsFunction's bundling options.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * ESM output has no `require`; bundled CommonJS dependencies (parts of the AWS SDK) still call
 * it, so one is created from import.meta.url. Aliased to avoid clashing with bundle identifiers.
 */
export const ESM_REQUIRE_SHIM =
  "import { createRequire as __gatewayCreateRequire } from 'node:module';" +
  'const require = __gatewayCreateRequire(import.meta.url);';

export const NODE_TARGET = 'node22';

/**
 * Packages swapped for smaller stand-ins in every Lambda bundle (ADR 0008). The SDK's default
 * credential chain (SSO, profiles, web identity, IMDS and the STS/SSO clients behind them) becomes
 * environment credentials plus the container endpoint, which is all a Lambda function uses.
 * Absolute paths: esbuild resolves alias targets from its working directory.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'functions', 'wiring', 'aws', 'lambda-credential-provider.ts'),
};

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
  alias: BUNDLE_ALIASES,
} as const;

/** File name of the bundled handler inside the asset, as Lambda loads it (`index.handler`). */
export const BUNDLE_FILE_NAME = 'index.mjs';
