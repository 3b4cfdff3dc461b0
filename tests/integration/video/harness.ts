import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { createReservationRepository } from '../../../functions/adapters/dynamodb/reservation-repository.ts';
import { createVideoContactLinks } from '../../../functions/adapters/dynamodb/video-contact-links.ts';
import { chatAccountsDirectory } from '../../../functions/channels/chat/chat-reservation-bridge.ts';
import type { VideoContactRequest, VideoContactStart } from '../../../functions/core/video/model.ts';
import type { VideoContactLinks, VideoContacts } from '../../../functions/core/video/ports.ts';
import { createVideoCallsApiHandler } from '../../../functions/handlers/video-calls-api.ts';
import { createLocalReservations, type LocalReservations } from '../../../local/reservations.ts';
import { lambdaContext } from '../../../local/apigw-event.ts';
import { startChatHarness, type ChatHarness } from '../chat/harness.ts';

/**
 * Connect's StartWebRTCContact as far as the use case can tell: one contact per ClientToken
 * (a repeat returns the same contact), and a switch for "no sign-language counselor free".
 */
export class FakeVideoContacts implements VideoContacts {
  readonly requests: VideoContactRequest[] = [];
  readonly #contacts = new Map<string, string>();
  counselorFree = true;

  async start(request: VideoContactRequest): Promise<VideoContactStart> {
    this.requests.push(request);
    if (!this.counselorFree) return { started: false, reason: 'no_counselor_free' };
    let contactId = this.#contacts.get(request.clientToken);
    if (!contactId) {
      contactId = `contact-${this.#contacts.size + 1}`;
      this.#contacts.set(request.clientToken, contactId);
    }
    return { started: true, contactId, media: { kind: 'local-webrtc', callId: contactId, joinToken: 'join-token', signallingPath: '/video' } };
  }

  contactCount(): number {
    return this.#contacts.size;
  }
}

export interface VideoHarness extends ChatHarness {
  contacts: FakeVideoContacts;
  links: VideoContactLinks;
  reservations: LocalReservations;
  call(method: 'GET' | 'POST', resource: string, options?: { token?: string | null; body?: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startVideoHarness(): Promise<VideoHarness> {
  const chat = await startChatHarness();
  // Monday 2026-03-02 08:00 KST: slots of the day from 09:00 are bookable.
  chat.clock.set('2026-03-01T23:00:00.000Z');
  const contacts = new FakeVideoContacts();
  const links = createVideoContactLinks(chat.documents, chat.table.tableName);
  const reservations = createLocalReservations({
    documentClient: chat.documents,
    tableName: chat.table.tableName,
    intake: chat.intake,
    pii: chat.pii,
    smsSender: chat.sms,
    clock: chat.clock,
    log: chat.log,
    schedule: { defaultCapacity: 2 },
    chatAccounts: chatAccountsDirectory(chat.accounts),
  });
  const handler = createVideoCallsApiHandler(async () => ({
    calls: {
      reservations: createReservationRepository(chat.documents, chat.table.tableName),
      accounts: chat.accounts,
      pii: chat.pii,
      intake: chat.intake,
      contacts,
      links,
      clock: chat.clock,
      log: chat.log,
    },
    allowedOrigin: null,
  }));
  return {
    ...chat,
    contacts,
    links,
    reservations,
    async call(method, resource, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      const event = {
        resource,
        path: resource,
        httpMethod: method,
        headers,
        multiValueHeaders: {},
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: null,
        stageVariables: null,
        body: options.body === undefined ? null : JSON.stringify(options.body),
        isBase64Encoded: false,
        requestContext: { identity: { userArn: null } },
      } as unknown as APIGatewayProxyEvent;
      const result = (await handler(event, lambdaContext('video-calls-api') as never)) as APIGatewayProxyResult;
      return { status: result.statusCode, body: JSON.parse(result.body || '{}') as Record<string, unknown> };
    },
  };
}
