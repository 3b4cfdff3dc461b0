import middy from '@middy/core';
import { createContactStartHandler } from '../channels/voice/contact-start-handler.ts';
import type { ContactStartAttributes, ContactStartDeps } from '../core/voice/contact-start.ts';
import { DEFAULT_LANGUAGE } from '../core/voice/language-routing.ts';
import { describeError } from './shared/describe-error.ts';
import { lazy } from './shared/lazy.ts';
import { log } from '../wiring/aws/log-and-clock.ts';
import { contactStartDeps } from '../wiring/aws/voice-contact-start.ts';

/**
 * Invoked by the main IVR at contact start (Connect waits 3 s). Never throws: even a failed
 * cold start (the PII secret unreadable) answers the safe default route at once.
 */
export function createConnectContactStartHandler(getDeps: () => Promise<ContactStartDeps>) {
  return middy(async (event: unknown): Promise<ContactStartAttributes> => {
    let deps: ContactStartDeps;
    try {
      deps = await getDeps();
    } catch (error) {
      // Configuration and secret errors name no citizen: the message is what an operator needs.
      log.error('contact-start dependencies unavailable; default route', describeError(error));
      return { route: 'default', language: DEFAULT_LANGUAGE };
    }
    return createContactStartHandler(deps)(event);
  });
}

export const handler = createConnectContactStartHandler(lazy(contactStartDeps));
