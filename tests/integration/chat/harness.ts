import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createChatAccountRepository } from '../../../functions/adapters/dynamodb/chat-account-repository.ts';
import { createChatConnectionRepository } from '../../../functions/adapters/dynamodb/chat-connection-repository.ts';
import { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import { applyForAccount, verifyAccount, type ChatAccountDeps, type IssuedToken } from '../../../functions/core/chat/accounts.ts';
import type { ChatAccountRepository, ChatConnectionRepository } from '../../../functions/core/chat/ports.ts';
import type { PiiProtector } from '../../../functions/core/ports/pii.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';
import { ScriptedRandom } from '../../support/chat-fakes.ts';
import { CapturingLog, ManualClock, RecordingIntakeQueue, RecordingSmsSender, testPiiProtector } from '../../support/in-memory-ports.ts';

export interface ChatHarness {
  table: TestTable;
  documents: DynamoDBDocumentClient;
  accounts: ChatAccountRepository;
  connections: ChatConnectionRepository;
  complaints: DynamoComplaintRepository;
  pii: PiiProtector;
  sms: RecordingSmsSender;
  random: ScriptedRandom;
  clock: ManualClock;
  log: CapturingLog;
  intake: RecordingIntakeQueue;
  accountDeps: ChatAccountDeps;
  /** Applies and verifies a number; returns the issued token. */
  newAccount(phone?: string, language?: 'ko' | 'en' | 'zh' | 'ja' | 'vi' | 'mn'): Promise<IssuedToken>;
  scan(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

let phoneSequence = 0;

export async function startChatHarness(): Promise<ChatHarness> {
  const table = await startTestTable();
  const documents = DynamoDBDocumentClient.from(table.client, { marshallOptions: { removeUndefinedValues: true } });
  const accounts = createChatAccountRepository(documents, table.tableName);
  const connections = createChatConnectionRepository(documents, table.tableName);
  const pii = testPiiProtector();
  const sms = new RecordingSmsSender();
  const random = new ScriptedRandom();
  const clock = new ManualClock();
  const log = new CapturingLog();
  const accountDeps: ChatAccountDeps = { accounts, pii, sms, random, clock, log };
  return {
    table,
    documents,
    accounts,
    connections,
    complaints: new DynamoComplaintRepository(documents, table.tableName),
    pii,
    sms,
    random,
    clock,
    log,
    intake: new RecordingIntakeQueue(),
    accountDeps,
    async newAccount(phone, language = 'ko') {
      phoneSequence += 1;
      const number = phone ?? `010-5${String(phoneSequence).padStart(3, '0')}-${String(1000 + phoneSequence)}`;
      random.nextCode('424242');
      await applyForAccount(accountDeps, { name: '홍길동', phone: number, language });
      return verifyAccount(accountDeps, { phone: number, code: '424242' });
    },
    async scan() {
      const { Items } = await documents.send(new ScanCommand({ TableName: table.tableName }));
      return Items ?? [];
    },
    close: () => table.close(),
  };
}
