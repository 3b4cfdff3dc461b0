import { ConnectContactEventSchema } from '../../../schemas/connect-contact-event.ts';
import { contactEventToStatusEntries, type ContactStatusEntry } from '../../core/voice/contact-events.ts';
import type { Log } from '../../core/ports/runtime.ts';

/** Appends entries to the history of the complaint created for `contactKey`; must be idempotent on eventId. */
export interface VoiceStatusPort {
  append(entries: ContactStatusEntry[]): Promise<void>;
}

/**
 * EventBridge target for "Amazon Connect Contact Event". A malformed event is logged and dropped
 * (it can never become valid); storage errors propagate so EventBridge / the DLQ retries.
 */
export function createContactEventHandler(deps: { status: VoiceStatusPort; log: Log }): (event: unknown) => Promise<ContactStatusEntry[]> {
  return async (event) => {
    const parsed = ConnectContactEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.warn('ignoring an event that is not an Amazon Connect contact event', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return [];
    }
    const entries = contactEventToStatusEntries(parsed.data);
    if (entries.length > 0) await deps.status.append(entries);
    return entries;
  };
}
