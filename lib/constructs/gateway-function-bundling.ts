/**
 * How every Lambda is bundled: esbuild options plus the SDK schema plugin, no CDK import, so
 * `cdk synth` (through scripts/bundle-lambdas.ts), the benchmark and the tests build the same bytes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult, type StdinOptions } from 'esbuild';
import { sdkSchemaTreeShaking } from './sdk-schema-tree-shaking.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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
  // No source maps in the Lambda asset: --enable-source-maps parses the map at every cold start
  // (+8 to +18 ms measured, ADR 0008). scripts/symbolicate.ts rebuilds one to read a stack trace.
  sourcemap: false,
  // Korean prompts stay readable bytes instead of \uXXXX escapes (smaller bundles).
  charset: 'utf8',
  // Nothing external: the AWS SDK is bundled so the code runs against the versions it was tested with.
  external: [] as string[],
  alias: BUNDLE_ALIASES,
} as const;

export interface BundleLambdaOptions {
  /** @default false (what CDK deploys); true writes `<outfile>.map` for scripts/symbolicate.ts. */
  sourcemap?: boolean;
  /** Ask esbuild for its metafile (bench/analyze-bundle.ts). */
  metafile?: boolean;
  /** @default true; false returns the output in memory. */
  write?: boolean;
}

/** Bundles one handler entry (a file, or source text for probes) into `outfile` with the gateway options and plugins. */
export async function bundleLambda(entry: string | StdinOptions, outfile: string, options: BundleLambdaOptions = {}): Promise<BuildResult> {
  return build({
    ...GATEWAY_ESBUILD_OPTIONS,
    mainFields: [...GATEWAY_ESBUILD_OPTIONS.mainFields],
    external: [...GATEWAY_ESBUILD_OPTIONS.external],
    sourcemap: options.sourcemap ?? GATEWAY_ESBUILD_OPTIONS.sourcemap,
    metafile: options.metafile ?? false,
    write: options.write ?? true,
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: entry }),
    outfile,
    logLevel: 'error',
    plugins: [sdkSchemaTreeShaking()],
  });
}

/** File name of the bundled handler inside the asset, as Lambda loads it (`index.handler`). */
export const BUNDLE_FILE_NAME = 'index.mjs';
