import middy from '@middy/core';
import { createContactEventHandler, type VoiceStatusPort } from '../channels/voice/contact-event-handler.ts';
import type { Log } from '../core/ports/runtime.ts';
import { lazy } from './shared/lazy.ts';
import { contactEventDeps } from '../wiring/aws/voice-contact-events.ts';

/**
 * EventBridge target of "Amazon Connect Contact Event": appends queued / connected / disconnected /
 * after-contact-work entries to the complaint's history. Storage errors throw, so EventBridge's
 * asynchronous retries and the target DLQ keep the event.
 */
export function createConnectContactEventsHandler(getDeps: () => Promise<{ status: VoiceStatusPort; log: Log }>) {
  return middy(async (event: unknown): Promise<{ entries: number }> => {
    const entries = await createContactEventHandler(await getDeps())(event);
    return { entries: entries.length };
  });
}

export const handler = createConnectContactEventsHandler(lazy(contactEventDeps));
