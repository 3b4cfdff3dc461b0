import type { SmsSender } from './ports/sms-sender.ts';
import type { ChannelSend } from './reply.ts';

/**
 * A reply on the SMS channel through the stage's SmsSender, tied to the reply so a reporting
 * provider's delivery reports come back to it. A part already sent (non-empty in `alreadySent`)
 * is not sent again; '' marks one to send again.
 */
export function smsChannelSend(sms: SmsSender): ChannelSend {
  return async ({ to, body, idempotencyKey, context }) => {
    const previous = context?.alreadySent?.[0];
    if (previous) return { providerMessageId: previous };
    const replyRef = context?.replyId ? { replyRef: { complaintId: context.complaintId, replyId: context.replyId } } : {};
    const result = await sms.send({ to, body, idempotencyKey, ...replyRef });
    return { providerMessageId: result.providerMessageId, ...(result.awaitsDeliveryReport ? { awaitsDeliveryReport: true } : {}) };
  };
}
