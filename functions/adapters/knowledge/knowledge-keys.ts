/*
 * Knowledge items in the complaint table (docs/adr/0017-knowledge-base.md). Their partitions
 * start with KB and never overlap the complaint, reservation or chat prefixes.
 *   KBCASE#<caseId>        V#<000001>        one item per version, written once
 *   KBCASES                CASE#<caseId>     the head (current version) of every case: one
 *                                            strongly consistent Query lists them all
 *   KBINDEX                MANIFEST | TICKET which serialized index is current; the build counter
 *   KBQUICK                QR#<shortcut>     quick responses
 *   KBFEEDBACK#<caseId>    <complaintId>#<actorId>  a counselor's mark on a suggestion
 *   KBGAPS                 GAP#<key>         searches that found nothing good
 */
export const versionKey = (caseId: string, version: number) => ({ pk: `KBCASE#${caseId}`, sk: `V#${String(version).padStart(6, '0')}` });
export const versionPartition = (caseId: string) => `KBCASE#${caseId}`;
export const HEADS_PARTITION = 'KBCASES';
export const headKey = (caseId: string) => ({ pk: HEADS_PARTITION, sk: `CASE#${caseId}` });
export const MANIFEST_KEY = { pk: 'KBINDEX', sk: 'MANIFEST' } as const;
export const TICKET_KEY = { pk: 'KBINDEX', sk: 'TICKET' } as const;
export const QUICK_PARTITION = 'KBQUICK';
export const quickKey = (shortcut: string) => ({ pk: QUICK_PARTITION, sk: `QR#${shortcut}` });
export const feedbackPartition = (caseId: string) => `KBFEEDBACK#${caseId}`;
export const feedbackKey = (caseId: string, complaintId: string, actorId: string) => ({ pk: feedbackPartition(caseId), sk: `${complaintId}#${actorId}` });
export const GAPS_PARTITION = 'KBGAPS';
export const gapKeyOf = (key: string) => ({ pk: GAPS_PARTITION, sk: `GAP#${key}` });

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'type']);

/** The item without its table bookkeeping. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as T;
}
