import { FlowBuilder } from './flow-builder.ts';
import type { FlowDocument } from './flow-language.ts';

export type SignLanguageVideoActionId = 'enable-logging' | 'queue-sign' | 'on-demand' | 'check-staffing' | 'transfer' | 'hangup';

/** The contact attribute the video-calls route sets: `reserved` or `on-demand` (functions/core/video/model.ts). */
export const CALL_KIND_ATTRIBUTE_PATH = '$.Attributes.callKind';

/**
 * Flow for citizens' sign-language video calls (StartWebRTCContact): every call goes to the
 * sign-language queue. A reserved call waits there for its counselor; an on-demand call is only
 * queued while a sign-language counselor is available, otherwise it is disconnected at once (the
 * citizen's page says so and offers a reservation or text). If the staffing check itself fails,
 * the call is queued rather than dropped. No prompt is played: the citizen may not hear it.
 */
export function buildSignLanguageVideoFlow(signQueue: string): FlowDocument {
  const f = new FlowBuilder<SignLanguageVideoActionId>('sign-language-video');
  f.enableLogging('enable-logging', { next: 'queue-sign' });
  f.setQueue('queue-sign', signQueue, { next: 'on-demand', onError: 'hangup' });
  f.compare('on-demand', CALL_KIND_ATTRIBUTE_PATH, { cases: [{ equals: 'on-demand', next: 'check-staffing' }], onNoMatch: 'transfer' });
  f.checkAgentsAvailable('check-staffing', signQueue, { available: 'transfer', noneAvailable: 'hangup', onError: 'transfer' });
  f.transferToQueue('transfer', { atCapacity: 'hangup', onError: 'hangup' });
  f.disconnect('hangup');
  return f.build('enable-logging');
}
