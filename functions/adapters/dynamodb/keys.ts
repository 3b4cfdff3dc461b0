import type { Channel } from '../../../schemas/inbound-message.ts';
import { OPEN_STATUSES, type ComplaintStatus } from '../../core/model.ts';
import { kstDay } from '../../core/kst.ts';

/**
 * Key layout of the complaint table (docs/adr/0002-single-table-design.md). Everything
 * about one complaint shares its partition, so the detail view is one Query; the intake
 * bookkeeping items (claims, pointers, receipt aliases) have partitions of their own so
 * they can be conditionally written before the complaint exists.
 */
export type Key = { pk: string; sk: string };

export const complaintPk = (complaintId: string): string => `COMPLAINT#${complaintId}`;
export const COMPLAINT_SK = 'META';
export const MESSAGE_SK_PREFIX = 'MSG#';
export const EVENT_SK_PREFIX = 'EVENT#';
export const REPLY_SK_PREFIX = 'REPLY#';

export const complaintKey = (complaintId: string): Key => ({ pk: complaintPk(complaintId), sk: COMPLAINT_SK });
export const messageKey = (complaintId: string, messageId: string): Key => ({ pk: complaintPk(complaintId), sk: `${MESSAGE_SK_PREFIX}${messageId}` });
export const eventKey = (complaintId: string, version: number): Key => ({
  pk: complaintPk(complaintId),
  sk: `${EVENT_SK_PREFIX}${String(version).padStart(6, '0')}`,
});
export const replyKey = (complaintId: string, replyId: string): Key => ({ pk: complaintPk(complaintId), sk: `${REPLY_SK_PREFIX}${replyId}` });
export const claimKey = (messageId: string): Key => ({ pk: `MSGCLAIM#${messageId}`, sk: 'CLAIM' });
export const pointerKey = (channel: Channel, citizenHash: string): Key => ({ pk: `OPEN#${channel}#${citizenHash}`, sk: 'POINTER' });
export const receiptKey = (receiptNo: string): Key => ({ pk: `RECEIPT#${receiptNo}`, sk: 'RECEIPT' });

export const statusPartition = (status: ComplaintStatus): string => `STATUS#${status}`;
export const channelDayPartition = (channel: Channel, day: string): string => `CHANNEL#${channel}#${day}`;
export const citizenPartition = (citizenHash: string): string => `CITIZEN#${citizenHash}`;

/** The one partition of the open-by-due index; a complaint is in it while it is open. */
export const OPEN_DUE_PARTITION = 'OPENDUE';
export const openDuePartition = (status: ComplaintStatus): string | undefined => (OPEN_STATUSES.includes(status) ? OPEN_DUE_PARTITION : undefined);
/** Sort key of the open-by-due index: the due time in force, then id for uniqueness. */
export const openDueSort = (c: { complaintId: string; dueAt: string; extendedDueAt?: string }): string => `${c.extendedDueAt ?? c.dueAt}#${c.complaintId}`;

/** Shared sort key of every complaint index: creation instant, then id for uniqueness. */
export const complaintIndexSort = (createdAt: string, complaintId: string): string => `${createdAt}#${complaintId}`;

/** The GSI attributes a complaint item carries; only complaint items are indexed. */
export function complaintIndexAttributes(c: {
  complaintId: string;
  status: ComplaintStatus;
  channel: Channel;
  createdAt: string;
  citizen: { hash: string };
  dueAt: string;
  extendedDueAt?: string;
}) {
  const sort = complaintIndexSort(c.createdAt, c.complaintId);
  return {
    gsi1pk: statusPartition(c.status),
    gsi1sk: sort,
    gsi2pk: channelDayPartition(c.channel, kstDay(c.createdAt)),
    gsi2sk: sort,
    gsi3pk: citizenPartition(c.citizen.hash),
    gsi3sk: sort,
    gsi4pk: openDuePartition(c.status),
    gsi4sk: openDueSort(c),
  };
}
