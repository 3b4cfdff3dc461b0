import { createHash } from 'node:crypto';

/** StartChatContact / StartTaskContact / StartOutboundVoiceContact ClientToken: at most 500 characters. */
export const MAX_CLIENT_TOKEN_LENGTH = 500;
/** text/plain chat message content: 1..1024 characters. */
export const MAX_CHAT_MESSAGE_LENGTH = 1024;
export const MAX_DISPLAY_NAME_LENGTH = 256;
export const MAX_TASK_NAME_LENGTH = 512;
export const MAX_TASK_DESCRIPTION_LENGTH = 4096;

/** A stable token for an id: the id itself when it fits, else its SHA-256 (never a cut, which could collide). */
export function clientTokenFor(id: string): string {
  return id.length <= MAX_CLIENT_TOKEN_LENGTH ? id : `sha256-${createHash('sha256').update(id).digest('hex')}`;
}

/** Cuts to at most `max` UTF-16 code units without splitting a surrogate pair, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}
