import type { StatusLookupDeps } from '../../core/status-lookup/lookup-status.ts';
import { chatAccountRepository } from './chat-parts.ts';
import { complaintRepository } from './complaints.ts';
import { clock, log } from './log-and-clock.ts';
import { lookupParts } from './notice-parts.ts';
import { piiProtector } from './pii.ts';

/** The public status API: reads the complaint table, writes only the guard's counters and the access records. */
export async function publicStatusDeps(): Promise<StatusLookupDeps> {
  return { repository: complaintRepository(), pii: await piiProtector(), clock, log, ...lookupParts(), chatAccounts: chatAccountRepository() };
}
