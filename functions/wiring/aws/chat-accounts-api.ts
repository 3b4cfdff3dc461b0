import { apiGatewayConnectionSender, managementClient } from '../../adapters/chat/api-gateway-connection-sender.ts';
import type { ChatAccountsApiDeps } from '../deps/chat-accounts-api.ts';
import { chatAccountRepository, chatConnectionRepository, random } from './chat-parts.ts';
import { optionalChatEnv } from './chat-env.ts';
import { piiProtector } from './pii.ts';
import { stageSmsSender } from './sms-sender.ts';
import { clock, log } from './log-and-clock.ts';

export async function chatAccountsApiDeps(): Promise<ChatAccountsApiDeps> {
  // The chat construct always sets it for this function: revoking a token closes its connections.
  const endpoint = optionalChatEnv('connectionsEndpoint');
  const sessions = endpoint ? { sessions: { connections: chatConnectionRepository(), sender: apiGatewayConnectionSender(managementClient(endpoint)) } } : {};
  return {
    accounts: { accounts: chatAccountRepository(), pii: await piiProtector(), sms: await stageSmsSender(), random, clock, log, ...sessions },
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
