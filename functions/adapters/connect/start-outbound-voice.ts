import { StartOutboundVoiceContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import type { OutboundVoiceCaller } from '../../core/voice/happy-call-scheduler.ts';
import type { QueueKey } from '../../core/voice/language-routing.ts';
import { clientTokenFor } from './connect-limits.ts';
import { withConnectRetry, type RetryOptions } from './connect-retry.ts';

export interface OutboundVoiceOptions {
  client: ConnectClient;
  instanceId: string;
  /** The generated happy-call flow. */
  contactFlowId: string;
  /** Queue per language: the call joins it and shows that queue's outbound caller id. */
  queueIds: Record<QueueKey, string>;
  retry?: RetryOptions;
}

/** Happy calls: StartOutboundVoiceContact with a ClientToken per registration and slot. */
export function createOutboundVoiceCaller(options: OutboundVoiceOptions): OutboundVoiceCaller {
  return {
    async start(request) {
      const command = new StartOutboundVoiceContactCommand({
        InstanceId: options.instanceId,
        ContactFlowId: options.contactFlowId,
        DestinationPhoneNumber: request.destinationE164,
        QueueId: options.queueIds[request.language],
        ClientToken: clientTokenFor(request.clientToken),
        Attributes: { language: request.language, registrationId: request.registrationId, slot: request.slot },
      });
      const out = await withConnectRetry('StartOutboundVoiceContact', () => options.client.send(command), options.retry);
      if (!out.ContactId) throw new Error('StartOutboundVoiceContact returned no ContactId');
      return { contactId: out.ContactId };
    },
  };
}
