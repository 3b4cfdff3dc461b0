import { sameSeal, type DailyDigest } from '../../core/audit/digest-model.ts';
import type { DigestWrite } from '../../core/audit/ports.ts';

/** What a write that found a digest already in place amounts to: the same seal, or a conflict to report. */
export function outcomeAgainst(existing: DailyDigest, attempted: DailyDigest): DigestWrite {
  return sameSeal(existing, attempted) ? { outcome: 'already-identical' } : { outcome: 'conflict', existing };
}
