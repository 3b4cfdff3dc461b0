import { QUEUE_KEYS, type QueueKey } from '../../functions/core/voice/language-routing.ts';
import { FlowBuilder } from './flow-builder.ts';
import type { ContactFlowConfig } from './flow-config.ts';
import type { FlowDocument } from './flow-language.ts';

export type ChatTaskActionId = 'enable-logging' | 'route-by-language' | 'hangup' | `queue-${QueueKey}` | `transfer-${QueueKey}`;

/** The contact attribute the gateway sets on StartChatContact / StartTaskContact. */
export const LANGUAGE_ATTRIBUTE_PATH = '$.Attributes.language';

/**
 * Flow for chat and task contacts the gateway starts for SMS, web chat and X complaints: routes by
 * the `language` attribute. A full or failing language queue overflows to the Korean queue, where
 * counselors read the Korean translation the gateway attached.
 */
export function buildChatTaskFlow(config: ContactFlowConfig): FlowDocument {
  const f = new FlowBuilder<ChatTaskActionId>('chat-task');
  f.enableLogging('enable-logging', { next: 'route-by-language' });
  f.compare('route-by-language', LANGUAGE_ATTRIBUTE_PATH, {
    cases: QUEUE_KEYS.map((key) => ({ equals: key, next: `queue-${key}` as const })),
    onNoMatch: 'queue-ko',
  });
  for (const key of QUEUE_KEYS) {
    const overflow = key === 'ko' ? 'hangup' : 'queue-ko';
    f.setQueue(`queue-${key}`, config.queues[key], { next: `transfer-${key}`, onError: overflow });
    f.transferToQueue(`transfer-${key}`, { atCapacity: overflow, onError: overflow });
  }
  f.disconnect('hangup');
  return f.build('enable-logging');
}
