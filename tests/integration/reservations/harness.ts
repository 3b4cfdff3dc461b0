import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { IntakeEnvelope } from '../../../schemas/inbound-message.ts';
import type { SlotScheduleInput } from '../../../schemas/reservation-schedule.ts';
import type { IntakeQueue } from '../../../functions/core/ports/intake-queue.ts';
import type { PiiProtector } from '../../../functions/core/ports/pii.ts';
import type { Log } from '../../../functions/core/ports/runtime.ts';
import type { SmsSendRequest, SmsSender } from '../../../functions/core/ports/sms-sender.ts';
import type { ChatAccounts } from '../../../functions/core/reservations/ports.ts';
import { createLocalReservations, type LocalReservations } from '../../../local/reservations.ts';
import { startTestTable, type TestTable } from '../../support/embedded-table.ts';

/** Reversible stand-in for the AES/HMAC protector: tests can see what was sealed. */
export const fakePii: PiiProtector = {
  hash: (v) => `h_${Buffer.from(v).toString('base64url')}`,
  seal: (v) => `sealed:${v}`,
  open: (s) => s.replace(/^sealed:/, ''),
};

export interface LogLine {
  level: string;
  message: string;
  attributes?: Record<string, unknown>;
}

export function recordingLog(): Log & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (message: string, attributes?: Record<string, unknown>) => void lines.push({ level, message, ...(attributes ? { attributes } : {}) });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function recordingSms(): SmsSender & { sent: SmsSendRequest[] } {
  const sent: SmsSendRequest[] = [];
  return {
    name: 'recording',
    maxBodyUnits: 1600,
    sent,
    async send(request) {
      sent.push(request);
      return { providerMessageId: `SM${sent.length}` };
    },
  };
}

export function recordingIntake(): IntakeQueue & { envelopes: IntakeEnvelope[] } {
  const envelopes: IntakeEnvelope[] = [];
  return {
    envelopes,
    async send(batch) {
      envelopes.push(...batch);
    },
  };
}

export class TestClock {
  constructor(public current: Date) {}
  now = (): Date => new Date(this.current);
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export interface Harness {
  table: TestTable;
  reservations: LocalReservations;
  clock: TestClock;
  sms: ReturnType<typeof recordingSms>;
  intake: ReturnType<typeof recordingIntake>;
  log: ReturnType<typeof recordingLog>;
  documents: DynamoDBDocumentClient;
}

/** Monday 2025-03-10 08:00 KST: the day's slots from 09:00 are bookable. */
export const MONDAY_8AM_KST = '2025-03-09T23:00:00.000Z';

export const verifiedAccounts = (...ids: string[]): ChatAccounts => ({
  findVerified: async (accountId) => (ids.includes(accountId) ? { accountId } : null),
});

export async function startHarness(options: { schedule?: SlotScheduleInput; chatAccounts?: ChatAccounts; pendingGraceMs?: number } = {}): Promise<Harness> {
  const table = await startTestTable();
  const documents = DynamoDBDocumentClient.from(table.client, { marshallOptions: { removeUndefinedValues: true } });
  const clock = new TestClock(new Date(MONDAY_8AM_KST));
  const sms = recordingSms();
  const intake = recordingIntake();
  const log = recordingLog();
  const reservations = createLocalReservations({
    documentClient: documents,
    tableName: table.tableName,
    intake,
    pii: fakePii,
    smsSender: sms,
    clock,
    log,
    schedule: options.schedule ?? { defaultCapacity: 2 },
    ...(options.chatAccounts ? { chatAccounts: options.chatAccounts } : {}),
    ...(options.pendingGraceMs !== undefined ? { pendingGraceMs: options.pendingGraceMs } : {}),
  });
  return { table, reservations, clock, sms, intake, log, documents };
}

export function apiEvent(method: string, resource: string, options: { path?: string; id?: string; query?: Record<string, string>; body?: unknown } = {}): APIGatewayProxyEvent {
  const path = options.path ?? resource.replace('{id}', options.id ?? '');
  return {
    resource,
    path,
    httpMethod: method,
    headers: { 'content-type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: null,
    pathParameters: options.id ? { id: options.id } : null,
    stageVariables: null,
    body: options.body === undefined ? null : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: { identity: { userArn: null } } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}
