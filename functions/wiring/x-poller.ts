import { buildXPoller } from '../adapters/x/build-x-poller.ts';
import { emfPollerMetrics } from '../adapters/x/emf-poller-metrics.ts';
import { loadXCredentials } from '../adapters/x/x-credentials.ts';
import { readXPollerEnv } from '../adapters/x/x-env.ts';
import type { XMentionPollerDeps } from './deps/x-mention-poller.ts';
import { readEnvironment } from './aws/environment.ts';
import { clock, documentClient, intakeQueue, log, secretsClient } from './aws/runtime.ts';

/** Lambda wiring of the X mention poller: env validated once, credentials read once per container. */
export async function xMentionPollerDeps(): Promise<XMentionPollerDeps> {
  const { tableName } = readEnvironment(['tableName']);
  const env = readXPollerEnv();
  const credentials = await loadXCredentials(secretsClient(), env.secretArn);
  const poller = buildXPoller({
    db: documentClient(),
    tableName,
    intake: intakeQueue(),
    credentials,
    accountId: env.accountId,
    ...(env.apiBaseUrl ? { apiBaseUrl: env.apiBaseUrl } : {}),
    monthlyReadBudget: env.monthlyReadBudget,
    readAs: env.readAs,
    metrics: emfPollerMetrics(env.accountId),
    clock,
    log,
    // The Lambda timeout (60 s in CDK) stays well inside the lease.
    tuning: { leaseSeconds: 120 },
  });
  return { log, poll: poller.pollOnce };
}
