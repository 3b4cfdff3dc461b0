import type { Clock } from './ports/runtime.ts';

/*
 * One sender at a time for an outgoing message (a counselor's reply, a status notice): a caller
 * takes a time-limited lease on the item with one conditional write, and every delivery update
 * releases it. A second caller (a double click, a redelivered event, the sweeper) finds the lease
 * taken and leaves the item alone; a process that dies mid-send leaves the lease to expire, and the
 * next caller sends again: at least once at the provider, which takes no idempotency key.
 */

/** How long one caller may take to prepare and send before another may try (provider timeouts are 10 s each). */
export const SEND_LEASE_MS = 120_000;

export interface SendLeaseOps<T> {
  /** The conditional write: true when this caller now holds the lease. */
  claim(at: string, until: string): Promise<boolean>;
  /** The item as stored once the claim is decided. */
  read(): Promise<T | null>;
  /** Nothing more is to be sent for the item (sent, refused, skipped). */
  settled(item: T): boolean;
}

export type SendLease<T> = { held: true; item: T } | { held: false; claimed: boolean; item: T | null };

/** Takes the lease, then reads the item back: held only when the claim won and the item still needs sending. */
export async function takeSendLease<T>(clock: Clock, ops: SendLeaseOps<T>): Promise<SendLease<T>> {
  const now = clock.now();
  const claimed = await ops.claim(now.toISOString(), new Date(now.getTime() + SEND_LEASE_MS).toISOString());
  const item = await ops.read();
  if (!claimed || !item || ops.settled(item)) return { held: false, claimed, item };
  return { held: true, item };
}
