import type { EumEventsDeps } from '../deps/sms-eum-events.ts';
import { complaintRepository } from './complaints.ts';
import { clock, log } from './log-and-clock.ts';

export async function eumEventsDeps(): Promise<EumEventsDeps> {
  return { log, reports: { repository: complaintRepository(), clock, log } };
}
