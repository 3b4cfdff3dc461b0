import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../../core/chat/ports.ts';

/** The platform CSPRNG. */
export const nodeRandom: RandomSource = { bytes: (count) => new Uint8Array(randomBytes(count)) };
