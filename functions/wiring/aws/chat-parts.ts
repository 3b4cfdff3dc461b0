import { nodeRandom } from '../../adapters/chat/node-random.ts';
import { createChatAccountRepository } from '../../adapters/dynamodb/chat-account-repository.ts';
import { createChatConnectionRepository } from '../../adapters/dynamodb/chat-connection-repository.ts';
import type { ChatAccountRepository, ChatConnectionRepository, RandomSource } from '../../core/chat/ports.ts';
import { readEnvironment } from './environment.ts';
import { documentClient } from './dynamo-client.ts';

let accounts: ChatAccountRepository | undefined;
let connections: ChatConnectionRepository | undefined;

export function chatAccountRepository(): ChatAccountRepository {
  const { tableName } = readEnvironment(['tableName']);
  accounts ??= createChatAccountRepository(documentClient(), tableName);
  return accounts;
}

export function chatConnectionRepository(): ChatConnectionRepository {
  const { tableName } = readEnvironment(['tableName']);
  connections ??= createChatConnectionRepository(documentClient(), tableName);
  return connections;
}

export const random: RandomSource = nodeRandom;
