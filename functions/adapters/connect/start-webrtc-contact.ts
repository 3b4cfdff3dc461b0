import { StartWebRTCContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import type { VideoContactRequest, VideoContactStart } from '../../core/video/model.ts';
import type { VideoContacts } from '../../core/video/ports.ts';
import { clientTokenFor } from './connect-limits.ts';
import { withConnectRetry, type RetryOptions } from './connect-retry.ts';

export interface WebRtcContactOptions {
  client: ConnectClient;
  instanceId: string;
  /** The generated sign-language video flow (lib/contact-flows/sign-language-video-flow.ts). */
  contactFlowId: string;
  /** The citizen is waiting on the page: a short budget (defaults to 3 attempts, at most 1 s apart). */
  retry?: RetryOptions;
}

/**
 * Video both ways. VideoCapability has the one value SEND ("the participant can send video"):
 * receiving is not a capability, every participant receives what others send. The customer sends
 * their signing, the counselor sends theirs; screen sharing is left off.
 */
export const VIDEO_CAPABILITIES = { Customer: { Video: 'SEND' }, Agent: { Video: 'SEND' } } as const;

/**
 * StartWebRTCContact onto the sign-language video flow. The ClientToken makes a double click or a
 * retry return the contact already started (valid 7 days). The display name the counselor sees
 * is the receipt number, never the citizen's name. Attributes carry no personal data.
 */
export function createConnectVideoContacts(options: WebRtcContactOptions): VideoContacts {
  return {
    async start(request: VideoContactRequest): Promise<VideoContactStart> {
      const { attributes } = request;
      const command = new StartWebRTCContactCommand({
        InstanceId: options.instanceId,
        ContactFlowId: options.contactFlowId,
        ClientToken: clientTokenFor(request.clientToken),
        AllowedCapabilities: VIDEO_CAPABILITIES,
        ParticipantDetails: { DisplayName: `120 ${attributes.receiptNo}` },
        Description: `수어 영상상담 · ${attributes.callKind === 'reserved' ? '예약' : '바로 연결'} · ${attributes.receiptNo}`,
        Attributes: {
          receiptNo: attributes.receiptNo,
          language: attributes.language,
          callKind: attributes.callKind,
          ...(attributes.reservationId ? { reservationId: attributes.reservationId } : {}),
        },
      });
      const out = await withConnectRetry('StartWebRTCContact', () => options.client.send(command), { maxAttempts: 3, maxDelayMs: 1_000, ...options.retry });
      const meeting = out.ConnectionData?.Meeting;
      const attendee = out.ConnectionData?.Attendee;
      if (!out.ContactId || !meeting || !attendee) throw new Error('StartWebRTCContact returned no contact or no connection data');
      return {
        started: true,
        contactId: out.ContactId,
        media: { kind: 'amazon-connect', connectionData: { Meeting: { ...meeting }, Attendee: { ...attendee } } },
      };
    },
  };
}
