/**
 * The send lease (functions/core/send-lease.ts) as DynamoDB expressions on the item being sent:
 * taken with SET when no unexpired lease is held, released by REMOVE on every delivery update.
 */
export const SEND_LEASE = {
  take: 'SET sendLeaseUntil = :until',
  free: '(attribute_not_exists(sendLeaseUntil) OR sendLeaseUntil < :at)',
  /** For a REMOVE clause. */
  attribute: 'sendLeaseUntil',
  values: (at: string, until: string) => ({ ':at': at, ':until': until }),
} as const;
