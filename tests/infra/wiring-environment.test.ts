import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { ALL_LAMBDA_ENTRIES } from '../../lib/function-catalog.ts';
import { allStacks, resourcesOf, stage } from './synthesized-gateway.ts';

/**
 * Each deployed function's wiring must find every environment variable it reads in the
 * environment CDK gives that function. The environment is taken from the synthesized template
 * (CloudFormation tokens replaced by plausible values), the handler is invoked once, and no
 * error may be about a missing or invalid environment variable, thrown or logged (contact-start and
 * the happy-call outcome answer a safe default and log instead of throwing). AWS calls are mocked.
 */
const ENV_ERRORS = /missing or empty environment variable|invalid X poller environment|is not valid JSON|environment variable/i;

function placeholder(name: string): string {
  if (/ARN$/.test(name)) return `arn:aws:service:ap-northeast-2:123456789012:resource/${name.toLowerCase()}`;
  if (/URL$|ENDPOINT$/.test(name)) return `https://${name.toLowerCase().replace(/_/g, '-')}.example.invalid/path`;
  if (/_ID$/.test(name)) return '00000000-0000-4000-8000-000000000000';
  if (/ORIGIN$/.test(name)) return 'https://d111111abcdef8.cloudfront.net';
  return `placeholder-${name.toLowerCase()}`;
}

function environmentOf(variables: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : placeholder(name)]));
}

function deployedFunctions(): Array<{ name: string; entry: string; env: Record<string, string> }> {
  const stageStacks = allStacks().filter((stack) => stack.node.scope === stage('prod-eum'));
  const found = new Map<string, Record<string, string>>();
  for (const stack of stageStacks) {
    for (const [, resource] of resourcesOf(stack, 'AWS::Lambda::Function')) {
      const variables = ((resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
      const service = variables.POWERTOOLS_SERVICE_NAME;
      if (typeof service === 'string') found.set(service, environmentOf(variables));
    }
  }
  return ALL_LAMBDA_ENTRIES.filter((fn) => found.has(fn.name)).map((fn) => ({ ...fn, env: found.get(fn.name)! }));
}

const SECRETS = JSON.stringify({
  seed: 'x'.repeat(64),
  accountSid: `AC${'0'.repeat(32)}`,
  authToken: 'a'.repeat(32),
  current: 'm'.repeat(64),
  bearerToken: 'bearer',
  appKey: 'k',
  appSecret: 's',
  accessToken: 't',
  accessSecret: 'u',
});

describe('every deployed function finds its environment', () => {
  const saved = { ...process.env };
  const secrets = mockClient(SecretsManagerClient);
  beforeAll(() => {
    secrets.on(GetSecretValueCommand).resolves({ SecretString: SECRETS });
  });
  afterAll(() => {
    secrets.restore();
    process.env = saved;
  });

  const functions = deployedFunctions();
  it('covers the deployed functions of a stage with every optional channel on', () => {
    expect(functions.length).toBeGreaterThanOrEqual(15);
  });

  it.each(functions.map((fn) => [fn.name, fn] as const))('%s builds its dependencies from the CDK environment', async (_name, fn) => {
    vi.resetModules();
    process.env = { ...saved, ...fn.env, AWS_REGION: 'ap-northeast-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
    const logged: string[] = [];
    const capture = (...args: unknown[]) => logged.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture), vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (logged.push(String(chunk)), true)),
      // Powertools writes warnings and errors to stderr through its own Console.
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (logged.push(String(chunk)), true)),
    ];
    let thrown: unknown;
    try {
      const module = (await import(`../../${fn.entry}`)) as { handler: (event: unknown, context: Context) => Promise<unknown> };
      await module.handler({}, { getRemainingTimeInMillis: () => 10_000, functionName: fn.name, awsRequestId: 'test' } as Context);
    } catch (error) {
      thrown = error;
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const messages = [thrown instanceof Error ? thrown.message : '', ...logged].join('\n');
    expect(messages).not.toMatch(ENV_ERRORS);
  });
});
