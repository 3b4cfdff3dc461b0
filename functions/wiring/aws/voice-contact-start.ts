import { noCallMediaFetcher, noCallMediaStore, noDeferredCallWork } from '../../adapters/voice/voice-intake-parts.ts';
import type { ContactStartDeps } from '../../core/voice/contact-start.ts';
import { createVoiceComplaints } from '../../core/voice/voice-complaints.ts';
import { complaintRepository } from './complaints.ts';
import { clock, log } from './log-and-clock.ts';
import { piiProtector } from './pii.ts';
import { eventPublisher } from './pipeline-parts.ts';
import { stageCalendar } from './working-calendar.ts';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Contact-start: the ingest use case on DynamoDB, no translator (a call has no text yet). */
export async function contactStartDeps(): Promise<ContactStartDeps> {
  const complaints = createVoiceComplaints({
    repository: complaintRepository(),
    pii: await piiProtector(),
    clock,
    log,
    translator: null,
    intakeQueue: noDeferredCallWork,
    mediaFetcher: noCallMediaFetcher,
    mediaStore: noCallMediaStore,
    events: eventPublisher(),
    policy: { calendar: stageCalendar() },
  });
  return { complaints, log, now: () => clock.now(), sleep };
}
