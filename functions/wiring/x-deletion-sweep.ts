import * as z from '../../schemas/zod-mini.ts';
import { buildXDeletionSweep } from '../adapters/x/build-x-deletion-sweep.ts';
import { emfPollerMetrics } from '../adapters/x/emf-poller-metrics.ts';
import { loadXCredentials } from '../adapters/x/x-credentials.ts';
import { readXPollerEnv, X_ENV } from '../adapters/x/x-env.ts';
import type { XDeletionSweepDeps } from '../handlers/x-deletion-sweep.ts';
import { readEnvironment } from './aws/environment.ts';
import { documentClient } from './aws/dynamo-client.ts';
import { clock, log } from './aws/log-and-clock.ts';
import { secretsClient } from './aws/secrets-client.ts';

/** KST days of X complaints each sweep re-checks (CDK: lib/constructs/x-mention-poller.ts). */
const X_REDACTION_WINDOW_ENV = X_ENV.redactionWindowDays;
const WindowSchema = z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(90)), 7);

/** Lambda wiring of the X deletion-compliance sweep: the poller's environment plus the window. */
export async function xDeletionSweepDeps(): Promise<XDeletionSweepDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const env = readXPollerEnv();
  const window = WindowSchema.safeParse(process.env[X_REDACTION_WINDOW_ENV] || undefined);
  if (!window.success) throw new Error(`invalid X sweep environment: ${X_REDACTION_WINDOW_ENV} (${window.error.issues[0]?.message ?? 'invalid'})`);
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  const sweep = buildXDeletionSweep({
    db: documentClient(),
    tableName,
    credentials,
    accountId: env.accountId,
    ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
    monthlyReadBudget: env.monthlyReadBudget,
    windowDays: window.data,
    metrics: emfPollerMetrics(env.accountId),
    clock,
    log,
  });
  return { log, sweep: sweep.sweepOnce };
}
