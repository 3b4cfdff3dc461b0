import type { Complaint } from '../model.ts';
import type { NoticeRoute } from './model.ts';

/**
 * Where a complaint's notices go, or null when it gets none:
 * - SMS and chat complaints: their own channel;
 * - X: none. A mention is public; the citizen gets the answer (the reply itself) and nothing else;
 * - voice: SMS to the calling number, only when the caller consented on the call;
 * - any other channel (web forms): SMS when the citizen left a phone number as their handle.
 * A sender that did not normalise (short code, withheld number) can be sent nothing.
 */
export function noticeRouteFor(complaint: Pick<Complaint, 'channel' | 'citizen' | 'smsNoticeConsent'>): NoticeRoute | null {
  if (complaint.citizen.unverifiable) return null;
  const channel: string = complaint.channel;
  if (channel === 'sms') return 'sms';
  if (channel === 'chat') return 'chat';
  if (channel === 'x') return null;
  if (complaint.citizen.kind !== 'phone') return null;
  if (channel === 'voice') return complaint.smsNoticeConsent ? 'sms' : null;
  return 'sms';
}
