import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../adapters/events/eventbridge-publisher.ts';
import { readEnvironment } from './environment.ts';

let events: EventBridgePublisher | undefined;

/** The domain event bus (EVENT_BUS_NAME), one client per container. */
export function eventPublisher(): EventBridgePublisher {
  const { eventBusName } = readEnvironment(['eventBusName']);
  events ??= new EventBridgePublisher(new EventBridgeClient({}), eventBusName);
  return events;
}
