import * as z from '../../schemas/zod-mini.ts';
import { buildXDeletionSweep } from '../adapters/x/build-x-deletion-sweep.ts';
import { emfPollerMetrics } from '../adapters/x/emf-poller-metrics.ts';
import { loadXCredentials } from '../adapters/x/x-credentials.ts';
import { readXPollerEnv, X_ENV, X_MAX_RETENTION_DAYS } from '../adapters/x/x-env.ts';
import type { XDeletionSweepDeps } from './deps/x-deletion-sweep.ts';
import { readEnvironment } from './aws/environment.ts';
import { documentClient } from './aws/dynamo-client.ts';
import { clock, log } from './aws/log-and-clock.ts';
import { secretsClient } from './aws/secrets-client.ts';

/** The sweep's own settings (CDK: lib/constructs/x-mention-poller.ts). */
const SweepEnvSchema = z.object({
  [X_ENV.redactionWindowDays]: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(X_MAX_RETENTION_DAYS)), X_MAX_RETENTION_DAYS),
  [X_ENV.sweepMonthlyReadBudget]: z.coerce.number().check(z.int(), z.positive()),
  [X_ENV.complianceJobs]: z._default(z.enum(['on', 'off']), 'on'),
});

/** Lambda wiring of the X compliance sweep: the poller's environment plus the sweep's own. */
export async function xDeletionSweepDeps(): Promise<XDeletionSweepDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const env = readXPollerEnv();
  const blank = (name: string) => process.env[name] || undefined;
  const sweepEnv = SweepEnvSchema.safeParse({
    [X_ENV.redactionWindowDays]: blank(X_ENV.redactionWindowDays),
    [X_ENV.sweepMonthlyReadBudget]: blank(X_ENV.sweepMonthlyReadBudget),
    [X_ENV.complianceJobs]: blank(X_ENV.complianceJobs),
  });
  if (!sweepEnv.success) throw new Error(`invalid X sweep environment: ${sweepEnv.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`).join(', ')}`);
  const settings = sweepEnv.data;
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  const sweep = buildXDeletionSweep({
    db: documentClient(),
    tableName,
    credentials,
    accountId: env.accountId,
    ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
    monthlyReadBudget: settings[X_ENV.sweepMonthlyReadBudget],
    windowDays: settings[X_ENV.redactionWindowDays],
    complianceJobs: settings[X_ENV.complianceJobs] === 'on',
    metrics: emfPollerMetrics(env.accountId),
    clock,
    log,
  });
  return { log, sweep: sweep.sweepOnce };
}
