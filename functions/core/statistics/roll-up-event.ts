import type { Log } from '../ports/runtime.ts';
import { applyContribution, type ApplyDeps } from './apply-contribution.ts';
import { contributionOf } from './contribution-of.ts';
import type { EntityRef } from './model.ts';
import type { StatisticsSources } from './ports.ts';

export interface RollUpDeps extends ApplyDeps {
  sources: StatisticsSources;
  log: Log;
}

/** What statistics read from a domain event: its type and the ids it names (any DomainEvent is one). */
export interface EventHint {
  readonly type: string;
  readonly complaintId?: string;
  readonly messageId?: string;
  readonly reservationId?: string;
  readonly registrationId?: string;
  readonly slot?: string;
}

/**
 * The entities an event may have changed. Any event naming a complaint refreshes that complaint
 * (its status, answer, deadline, classification or survey may have moved), so events added later
 * are counted without a change here.
 */
export function entitiesOf(event: EventHint): EntityRef[] {
  const refs: EntityRef[] = [];
  if (event.complaintId) refs.push({ kind: 'complaint', complaintId: event.complaintId });
  if (event.type === 'message.stored' && event.complaintId && event.messageId) refs.push({ kind: 'message', complaintId: event.complaintId, messageId: event.messageId });
  if (event.type === 'reservation.changed' && event.reservationId) refs.push({ kind: 'reservation', reservationId: event.reservationId });
  if (event.type === 'happy_call.changed' && event.registrationId && event.slot) refs.push({ kind: 'happy-call', registrationId: event.registrationId, slot: event.slot });
  return refs;
}

export type RollUpOutcome = 'applied' | 'unchanged' | 'missing';

/**
 * Applies what an event changed to the day rollups. The event is only a hint: each entity's
 * contribution is recomputed from its raw items, so duplicates, reordering and lost events all
 * converge (a lost one at the latest with the next event of that entity, or the reconciliation).
 */
export async function rollUpEvent(deps: RollUpDeps, event: EventHint): Promise<RollUpOutcome[]> {
  const outcomes: RollUpOutcome[] = [];
  for (const ref of entitiesOf(event)) {
    const contribution = await contributionOf(deps.sources, ref);
    if (!contribution) {
      deps.log.warn('statistics: the event names an item that is not stored', { eventType: event.type, entity: ref.kind });
      outcomes.push('missing');
      continue;
    }
    outcomes.push(await applyContribution(deps, contribution));
  }
  return outcomes;
}
