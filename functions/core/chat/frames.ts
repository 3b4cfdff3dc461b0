import { FrameEnvelopeSchema, SendMessageFrameSchema, SyncFrameSchema, type ChatErrorCode, type SendMessageFrame, type ServerFrame } from '../../../schemas/chat-frames.ts';
import { safeParse } from '../../../schemas/zod-mini.ts';
import type { ChatPolicy } from './model.ts';

export type ParsedFrame =
  | { kind: 'sendMessage'; frame: SendMessageFrame }
  | { kind: 'sync' }
  | { kind: 'error'; frame: Extract<ServerFrame, { type: 'error' }> };

function refuse(code: ChatErrorCode, message: string, clientMessageId?: string): ParsedFrame {
  return { kind: 'error', frame: { type: 'error', code, message, ...(clientMessageId ? { clientMessageId } : {}) } };
}

/**
 * Reads one client frame. Nothing here throws: every bad input becomes an error frame for
 * the client, and the connection stays open. Size is checked on the raw bytes first so an
 * oversized frame is never parsed, and on characters after, because the promise to citizens
 * is counted in characters.
 */
export function parseClientFrame(body: string | undefined | null, policy: Pick<ChatPolicy, 'maxFrameBytes' | 'maxTextChars'>): ParsedFrame {
  const raw = body ?? '';
  if (Buffer.byteLength(raw, 'utf8') > policy.maxFrameBytes) {
    return refuse('too_long', `frames are limited to ${policy.maxFrameBytes} bytes; nothing was stored`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return refuse('malformed_json', 'frame is not valid JSON');
  }
  const envelope = safeParse(FrameEnvelopeSchema, value);
  if (!envelope.success) return refuse('invalid_frame', 'frame must be a JSON object with an "action"');
  const action = envelope.data.action;
  if (action === 'sync') {
    return safeParse(SyncFrameSchema, value).success ? { kind: 'sync' } : refuse('invalid_frame', 'sync takes no other fields');
  }
  if (action !== 'sendMessage') return refuse('unknown_action', `unknown action "${action.slice(0, 40)}"; use sendMessage or sync`);

  const parsed = safeParse(SendMessageFrameSchema, value);
  const clientMessageId = typeof envelope.data.clientMessageId === 'string' ? envelope.data.clientMessageId.slice(0, 64) : undefined;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('invalid_frame', issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'invalid sendMessage frame', clientMessageId);
  }
  const frame = parsed.data;
  if (frame.text.trim() === '') return refuse('empty_text', 'a message needs text', frame.clientMessageId);
  const chars = [...frame.text].length;
  if (chars > policy.maxTextChars) {
    return refuse('too_long', `messages are limited to ${policy.maxTextChars} characters (this one has ${chars}); nothing was stored`, frame.clientMessageId);
  }
  return { kind: 'sendMessage', frame };
}
