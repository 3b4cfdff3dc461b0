/*
 * Self-service items in the complaint table (docs/adr/0029-self-service-answers.md). Every
 * partition starts with SELFSERVICE#, so the public function's grant is one LeadingKeys pattern.
 *   SELFSERVICE#DAYS              DAY#<YYYY-MM-DD>   the day's counters (ADD)
 *   SELFSERVICE#VISIT#<visitId>   VISIT              a page visit: first day, last search, contacted (TTL)
 *   SELFSERVICE#RATE#<hash>       W#<start ms>       one address's request window (TTL)
 */
export const SELF_SERVICE_KEY_PREFIX = 'SELFSERVICE#';
export const DAYS_PARTITION = `${SELF_SERVICE_KEY_PREFIX}DAYS`;
export const dayKey = (day: string) => ({ pk: DAYS_PARTITION, sk: `DAY#${day}` });
export const visitKey = (visitId: string) => ({ pk: `${SELF_SERVICE_KEY_PREFIX}VISIT#${visitId}`, sk: 'VISIT' });
export const rateKey = (addressHash: string, start: number) => ({ pk: `${SELF_SERVICE_KEY_PREFIX}RATE#${addressHash}`, sk: `W#${start}` });
