import type { HandleKind } from '../../schemas/inbound-message.ts';
import { InvalidHandleError, maskHandle, normalizeHandle } from './citizen-handle.ts';
import type { ProtectedHandle } from './model.ts';
import type { PiiProtector } from './ports/pii.ts';

/**
 * Normalises a raw handle and returns only its protected forms: the clear value never
 * leaves this function except sealed. A handle that does not normalise (an alphanumeric
 * sender id, a malformed number) is still a citizen who wrote to us: it is kept, trimmed,
 * under a `raw:` prefix so it can never collide with a normalised one, and fully masked.
 */
export function protectHandle(pii: PiiProtector, kind: HandleKind, raw: string): ProtectedHandle {
  let normalized: string;
  let masked: string;
  try {
    normalized = normalizeHandle(kind, raw);
    masked = maskHandle(kind, normalized);
  } catch (error) {
    if (!(error instanceof InvalidHandleError)) throw error;
    normalized = `raw:${raw.trim()}`;
    masked = '***';
  }
  return { kind, hash: pii.hash(normalized), sealed: pii.seal(normalized), masked };
}
