import type { Channel } from '../../../schemas/inbound-message.ts';
import type { ChannelSend } from '../reply.ts';
import type { SmsSender } from '../ports/sms-sender.ts';

/** The senders the survey asks through: the reply use case's own (SMS through the SmsSender when no SMS sender is named). */
export function surveySenders(reply: { smsSender?: SmsSender; senders?: Partial<Record<Channel, ChannelSend>> }): Partial<Record<'sms' | 'chat', ChannelSend>> {
  const sms = reply.senders?.sms ?? (reply.smsSender ? smsSend(reply.smsSender) : undefined);
  const chat = reply.senders?.chat;
  return { ...(sms ? { sms } : {}), ...(chat ? { chat } : {}) };
}

function smsSend(sender: SmsSender): ChannelSend {
  return ({ to, body, idempotencyKey }) => sender.send({ to, body, idempotencyKey });
}
