import { effectiveDelivery } from '../../core/delivery-reports.ts';
import type { DeliveryReceipt, Message, Reply } from '../../core/model.ts';
import type { MessageClaim, OpenComplaintPointer, VersionedComplaint, VersionedStatusEvent } from '../../core/ports/complaint-repository.ts';
import { claimKey, complaintIndexAttributes, complaintKey, eventKey, messageKey, pointerKey, receiptKey, replyKey } from './keys.ts';

export type Item = Record<string, unknown>;

/** Item type marker, so an auditor scanning the table with the CLI can tell items apart. */
export const ITEM_TYPE = {
  complaint: 'complaint',
  message: 'message',
  statusEvent: 'status-event',
  reply: 'reply',
  claim: 'message-claim',
  pointer: 'open-pointer',
  receipt: 'receipt-alias',
} as const;

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'type', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk']);

/**
 * DynamoDB refuses `undefined` attribute values; the repository must not depend on how the
 * caller configured the document client's marshalling, so optional fields are dropped here.
 */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((entry) => compact(entry)) as T;
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = compact(entry);
    return out as T;
  }
  return value;
}

function withoutKeys(item: Item): Item {
  const out: Item = {};
  for (const [key, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(key)) out[key] = value;
  return out;
}

// Items are only ever written by this module's *ToItem functions, so reading them back is a
// cast of the attributes the writer put there.
const fromItem = <T>(item: Item): T => withoutKeys(item) as T;

export const complaintToItem = (c: VersionedComplaint): Item =>
  compact({ ...complaintKey(c.complaintId), type: ITEM_TYPE.complaint, ...complaintIndexAttributes(c), ...c });
export const itemToComplaint = (item: Item): VersionedComplaint => fromItem<VersionedComplaint>(item);

export const messageToItem = (m: Message): Item => compact({ ...messageKey(m.complaintId, m.messageId), type: ITEM_TYPE.message, ...m });
export const itemToMessage = (item: Item): Message => fromItem<Message>(item);

export const statusEventToItem = (e: VersionedStatusEvent): Item =>
  compact({ ...eventKey(e.complaintId, e.version), type: ITEM_TYPE.statusEvent, ...e });
export const itemToStatusEvent = (item: Item): VersionedStatusEvent => fromItem<VersionedStatusEvent>(item);

export const replyToItem = (r: Reply): Item => compact({ ...replyKey(r.complaintId, r.replyId), type: ITEM_TYPE.reply, ...r });
/**
 * Delivery reports live on the reply item, one attribute per sent part (`receipt#<provider id>`),
 * so each report is one conditional update and a reply is still one GetItem.
 */
export const RECEIPT_ATTRIBUTE_PREFIX = 'receipt#';
export const receiptAttribute = (providerMessageId: string): string => `${RECEIPT_ATTRIBUTE_PREFIX}${providerMessageId}`;

export const itemToReply = (item: Item): Reply => {
  // The send lease is the repository's concurrency control, not part of the reply.
  const { sendLeaseUntil: _lease, ...attributes } = fromItem<Record<string, unknown>>(item);
  const receipts: DeliveryReceipt[] = [];
  const reply: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith(RECEIPT_ATTRIBUTE_PREFIX)) {
      // `rank` is the write condition's, not part of the report.
      const { rank: _rank, ...receipt } = value as DeliveryReceipt & { rank?: number };
      receipts.push(receipt);
    } else reply[name] = value;
  }
  const stored = reply as unknown as Reply;
  if (receipts.length === 0) return stored;
  const withReceipts: Reply = { ...stored, receipts: receipts.sort((a, b) => a.at.localeCompare(b.at)) };
  return { ...withReceipts, delivery: effectiveDelivery(withReceipts) };
};

export const claimToItem = (c: MessageClaim): Item => compact({ ...claimKey(c.messageId), type: ITEM_TYPE.claim, ...c });
export const itemToClaim = (item: Item): MessageClaim => fromItem<MessageClaim>(item);

export const pointerToItem = (p: OpenComplaintPointer): Item => compact({ ...pointerKey(p.channel, p.citizenHash), type: ITEM_TYPE.pointer, ...p });
export const itemToPointer = (item: Item): OpenComplaintPointer => fromItem<OpenComplaintPointer>(item);

export const receiptToItem = (receiptNo: string, complaintId: string): Item => ({ ...receiptKey(receiptNo), type: ITEM_TYPE.receipt, receiptNo, complaintId });
