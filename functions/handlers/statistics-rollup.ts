import middy from '@middy/core';
import { GatewayEventSchema } from '../../schemas/gateway-event.ts';
import { rollUpEvent, type RollUpDeps, type RollUpOutcome } from '../core/statistics/roll-up-event.ts';
import { statisticsRollupDeps } from '../wiring/aws/statistics.ts';
import { lazy } from './shared/lazy.ts';

/**
 * Rule target on the domain bus: every gateway event that names a complaint, message,
 * reservation or happy call refreshes its share of the day rollups. A change another delivery is
 * applying throws RollupInProgressError: the asynchronous invocation is retried, and finds it done.
 */
export function createStatisticsRollupHandler(getDeps: () => Promise<RollUpDeps>) {
  return middy(async (event: unknown): Promise<{ outcomes: RollUpOutcome[] }> => {
    const deps = await getDeps();
    const parsed = GatewayEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.warn('statistics ignored an event that is not a gateway event', { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
      return { outcomes: [] };
    }
    return { outcomes: await rollUpEvent(deps, parsed.data.detail) };
  });
}

export const handler = createStatisticsRollupHandler(lazy(statisticsRollupDeps));
