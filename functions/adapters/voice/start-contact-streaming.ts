import { StartContactStreamingCommand, type ConnectClient } from '@aws-sdk/client-connect';
import type { ChatStreaming } from '../../core/voice/agent-workspace.ts';
import { clientTokenFor } from '../connect/connect-limits.ts';
import { withConnectRetry, type RetryOptions } from '../connect/connect-retry.ts';

export interface ChatStreamingOptions {
  client: ConnectClient;
  instanceId: string;
  /** Standard SNS topic the chat messages are published to (FIFO topics are not supported). */
  topicArn: string;
  retry?: RetryOptions;
}

/** StartContactStreaming for a chat contact, idempotent on the ClientToken. */
export function createChatStreaming(options: ChatStreamingOptions): ChatStreaming {
  return {
    async start({ contactId, clientToken }) {
      const command = new StartContactStreamingCommand({
        InstanceId: options.instanceId,
        ContactId: contactId,
        ChatStreamingConfiguration: { StreamingEndpointArn: options.topicArn },
        ClientToken: clientTokenFor(clientToken),
      });
      await withConnectRetry('StartContactStreaming', () => options.client.send(command), options.retry);
    },
  };
}
