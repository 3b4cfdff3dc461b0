import { FlowBuilder } from './flow-builder.ts';
import type { FlowDocument } from './flow-language.ts';

export type SignLanguageTaskActionId = 'enable-logging' | 'queue-from-attribute' | 'transfer' | 'queue-sign' | 'transfer-sign' | 'hangup';

/**
 * The contact attribute a reservation task carries its queue in: StartTaskContact has no queue
 * parameter, so functions/adapters/connect/task-for-reservation.ts passes the queue id this way.
 */
export const QUEUE_ID_ATTRIBUTE_PATH = '$.Attributes.queueId';

/**
 * Flow for the sign-language counselling tasks reservations start at the reserved time: the
 * working queue is the task's `queueId` attribute; a task without a usable one goes to the
 * sign-language queue itself rather than to a counselor who does not sign.
 */
export function buildSignLanguageTaskFlow(signQueue: string): FlowDocument {
  const f = new FlowBuilder<SignLanguageTaskActionId>('sign-language-task');
  f.enableLogging('enable-logging', { next: 'queue-from-attribute' });
  f.setQueue('queue-from-attribute', QUEUE_ID_ATTRIBUTE_PATH, { next: 'transfer', onError: 'queue-sign' });
  f.transferToQueue('transfer', { atCapacity: 'hangup', onError: 'queue-sign' });
  f.setQueue('queue-sign', signQueue, { next: 'transfer-sign', onError: 'hangup' });
  f.transferToQueue('transfer-sign', { atCapacity: 'hangup', onError: 'hangup' });
  f.disconnect('hangup');
  return f.build('enable-logging');
}
