import { ApiGatewayManagementApiClient, DeleteConnectionCommand, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionSender, PostResult } from '../../core/chat/ports.ts';

/** The @connections endpoint of a WebSocket API stage: https://{api-id}.execute-api.{region}.amazonaws.com/{stage}. */
export function managementEndpoint(domainName: string, stage: string): string {
  return `https://${domainName}/${stage}`;
}

function isGone(error: unknown): boolean {
  return error instanceof GoneException || (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode === 410;
}

/**
 * PostToConnection and DeleteConnection. A connection the client has left answers 410
 * GoneException: that is a result ('gone'), not an error, so the caller removes the connection
 * and keeps the reply; for DeleteConnection it means the work is already done.
 */
export function apiGatewayConnectionSender(client: ApiGatewayManagementApiClient): ConnectionSender {
  return {
    async post(connectionId, frame): Promise<PostResult> {
      try {
        await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode(JSON.stringify(frame)) }));
        return 'delivered';
      } catch (error) {
        if (isGone(error)) return 'gone';
        throw error;
      }
    },
    async disconnect(connectionId) {
      try {
        await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
  };
}

const clients = new Map<string, ApiGatewayManagementApiClient>();

/** One client per endpoint per container (a function may serve more than one stage). */
export function managementClient(endpoint: string): ApiGatewayManagementApiClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new ApiGatewayManagementApiClient({ endpoint });
    clients.set(endpoint, client);
  }
  return client;
}
