import type { HandleKind } from '../../schemas/inbound-message.ts';
import { InvalidHandleError, maskHandle, normalizeHandle } from './citizen-handle.ts';
import type { ProtectedHandle } from './model.ts';
import type { PiiProtector } from './ports/pii.ts';

/**
 * Normalises a raw handle and returns only its protected forms: the clear value never
 * leaves this function except sealed. A handle that does not normalise (a short code, an
 * alphanumeric sender id, a malformed number) is still a citizen who wrote to us, whichever
 * provider delivered it: it is kept, trimmed, under a `raw:` prefix so it can never collide
 * with a normalised one, fully masked, and flagged `unverifiable` (nothing is sent to it).
 */
export function protectHandle(pii: PiiProtector, kind: HandleKind, raw: string): ProtectedHandle {
  try {
    const normalized = normalizeHandle(kind, raw);
    return { kind, hash: pii.hash(normalized), sealed: pii.seal(normalized), masked: maskHandle(kind, normalized) };
  } catch (error) {
    if (!(error instanceof InvalidHandleError)) throw error;
    const normalized = `raw:${raw.trim()}`;
    return { kind, hash: pii.hash(normalized), sealed: pii.seal(normalized), masked: '***', unverifiable: true };
  }
}
