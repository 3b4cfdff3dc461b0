import type { ChatParticipant } from '../../core/voice/agent-workspace.ts';
import { MAX_CHAT_MESSAGE_LENGTH, clientTokenFor } from './connect-limits.ts';
import { ConnectRejectedError, withConnectRetry, type RetryOptions } from './connect-retry.ts';

/*
 * The Amazon Connect Participant Service (REST + JSON) called with fetch. Its operations are not
 * signed with SigV4: the participant token, then the connection token, go in the X-Amz-Bearer
 * header, so there is no AWS signing or credential logic here to get wrong. (The registry this
 * project installs from has @aws-sdk/client-connectparticipant only 150 releases behind the other
 * SDK clients; it would bundle a second copy of the SDK core.)
 */

export interface ParticipantServiceOptions {
  /** https://participant.connect.<region>.amazonaws.com unless a test points it elsewhere. */
  baseUrl: string;
  timeoutMs?: number;
  retry?: RetryOptions;
}

export function participantServiceUrl(region: string): string {
  return `https://participant.connect.${region}.amazonaws.com`;
}

/** A Participant Service error, shaped like the SDK's (name, $metadata) so the Connect retry policy applies. */
export class ParticipantServiceError extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(name: string, status: number, message: string) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
  }
}

async function call(options: ParticipantServiceOptions, path: string, bearer: string, body: unknown): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': bearer },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
  } catch (error) {
    // fetch reports a refused or reset connection as a TypeError: retryable, like a 503.
    if (error instanceof TypeError) throw new ParticipantServiceError('NetworkError', 503, `${path}: ${error.message}`);
    throw error;
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // An HTML error page from a proxy: the status decides below.
  }
  if (!response.ok) {
    // restJson1: the error type is in x-amzn-errortype ("Name:uri...") or the body's __type/code.
    const declared = response.headers.get('x-amzn-errortype') ?? String(parsed.__type ?? parsed.code ?? '');
    const name = declared.split(':')[0]?.split('#').pop() || `HTTP${response.status}`;
    throw new ParticipantServiceError(name, response.status, String(parsed.message ?? parsed.Message ?? `${path} answered ${response.status}`));
  }
  return parsed;
}

/** Chat messages hold 1,024 characters: a longer follow-up goes in several, none cut. */
export function chatMessageParts(text: string, max = MAX_CHAT_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let current = '';
  for (const char of text) {
    if (current.length + char.length > max) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  return current || parts.length === 0 ? [...parts, current] : parts;
}

/** AccessDenied on a participant token the chat no longer accepts: the contact has ended. */
function chatEnded(error: unknown): boolean {
  return error instanceof ConnectRejectedError && error.errorName === 'AccessDeniedException';
}

/**
 * CreateParticipantConnection with ConnectParticipant: marks the streamed chat's customer as
 * connected (Connect ends a chat whose customer has not connected within 5 minutes of
 * StartChatContact) and returns the connection token messages are sent with.
 */
async function createConnection(options: ParticipantServiceOptions, participantToken: string): Promise<string> {
  const connection = await withConnectRetry(
    'CreateParticipantConnection',
    () => call(options, '/participant/connection', participantToken, { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true }),
    options.retry,
  );
  const credentials = connection.ConnectionCredentials as { ConnectionToken?: unknown } | undefined;
  if (typeof credentials?.ConnectionToken !== 'string') throw new Error('CreateParticipantConnection returned no ConnectionToken');
  return credentials.ConnectionToken;
}

export function createParticipantService(options: ParticipantServiceOptions): ChatParticipant {
  return {
    async connect({ participantToken }) {
      try {
        await createConnection(options, participantToken);
        return 'connected';
      } catch (error) {
        if (chatEnded(error)) return 'ended';
        throw error;
      }
    },

    async post({ participantToken, clientToken, text }) {
      try {
        const connectionToken = await createConnection(options, participantToken);
        const parts = chatMessageParts(text);
        for (const [index, content] of parts.entries()) {
          // Per-part idempotency: a redelivered event re-posts nothing Connect already accepted.
          const token = parts.length === 1 ? clientToken : `${clientToken}#${index + 1}`;
          await withConnectRetry(
            'SendMessage',
            () => call(options, '/participant/message', connectionToken, { ContentType: 'text/plain', Content: content, ClientToken: clientTokenFor(token) }),
            options.retry,
          );
        }
        return 'posted';
      } catch (error) {
        if (chatEnded(error)) return 'ended';
        throw error;
      }
    },
  };
}
