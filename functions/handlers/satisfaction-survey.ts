import middy from '@middy/core';
import { GatewayEventSchema } from '../../schemas/gateway-event.ts';
import { askSatisfaction, type AskOutcome, type AskSatisfactionDeps } from '../core/satisfaction/ask-satisfaction.ts';
import { satisfactionSurveyDeps } from '../wiring/aws/satisfaction.ts';
import { lazy } from './shared/lazy.ts';

/**
 * Rule target on the domain bus (complaint.status_changed to closed): asks the citizen once to
 * rate the handling (ask-satisfaction.ts). A failed send throws, so the invocation is retried.
 */
export function createSatisfactionSurveyHandler(getDeps: () => Promise<AskSatisfactionDeps>) {
  return middy(async (event: unknown): Promise<{ outcome: AskOutcome | 'ignored' }> => {
    const deps = await getDeps();
    const parsed = GatewayEventSchema.safeParse(event);
    const detail = parsed.success ? parsed.data.detail : null;
    if (!detail || detail.type !== 'complaint.status_changed' || detail.to !== 'closed' || detail.from === 'closed' || !detail.complaintId) return { outcome: 'ignored' };
    return { outcome: await askSatisfaction(deps, detail.complaintId) };
  });
}

export const handler = createSatisfactionSurveyHandler(lazy(satisfactionSurveyDeps));
