import { ConnectContactFlowEventSchema } from '../../../schemas/connect-flow-event.ts';
import { handleContactStart, type ContactStartAttributes, type ContactStartDeps } from '../../core/voice/contact-start.ts';
import { DEFAULT_LANGUAGE } from '../../core/voice/language-routing.ts';

/**
 * Entry logic for the contact-start Lambda and for the local gateway's POST /connect/contact-start:
 * validates the Connect event and never throws, because an exception only sends the caller down
 * the flow's error branch after Connect's retries; a default route answers at once instead.
 */
export function createContactStartHandler(deps: ContactStartDeps): (event: unknown) => Promise<ContactStartAttributes> {
  return async (event) => {
    const parsed = ConnectContactFlowEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.log.error('contact-start received an event that is not a Connect ContactFlowEvent', {
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`),
      });
      return { route: 'default', language: DEFAULT_LANGUAGE };
    }
    try {
      return await handleContactStart(deps, parsed.data);
    } catch (error) {
      deps.log.error('contact-start failed', { error: error instanceof Error ? error.name : 'unknown' });
      return { route: 'default', language: DEFAULT_LANGUAGE };
    }
  };
}
