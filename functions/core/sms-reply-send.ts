import type { SmsSender } from './ports/sms-sender.ts';
import { PartiallySentError, type ChannelSend } from './reply.ts';
import { fitSmsText } from './sms-charset.ts';
import { splitSmsText } from './sms-parts.ts';

/**
 * A reply on the SMS channel through the stage's SmsSender: fitted to what the destination
 * handset can show (sentAs says what went instead, when anything changed), split into numbered parts within the
 * provider's body limit, each part tied to the reply so a reporting provider's delivery reports
 * come back to it. Parts already sent (non-empty in `alreadySent`, by position) are not sent
 * again; '' marks one to send again. A send that stops after some parts reports them
 * (PartiallySentError) so a retry sends only the rest.
 */
export function smsChannelSend(sms: SmsSender): ChannelSend {
  return async ({ to, body, idempotencyKey, context }) => {
    // What the handset can show first (Twilio to South Korea: EUC-KR only), then the parts of that.
    const fitted = fitSmsText({ text: body, language: context?.language ?? 'und' }, sms.charsetFor?.(to) ?? 'unicode', context?.original);
    const parts = splitSmsText(fitted.text, { maxUnits: sms.maxBodyUnits, ...(fitted.language !== 'und' ? { locale: fitted.language } : {}) });
    const ids = parts.map((_, i) => context?.alreadySent?.[i] ?? '');
    const replyRef = context?.replyId ? { replyRef: { complaintId: context.complaintId, replyId: context.replyId } } : {};
    let awaitsDeliveryReport = false;
    for (const [i, part] of parts.entries()) {
      if (ids[i]) continue;
      const key = parts.length === 1 ? idempotencyKey : `${idempotencyKey}:${i + 1}/${parts.length}`;
      try {
        const result = await sms.send({ to, body: part, idempotencyKey: key, ...replyRef });
        ids[i] = result.providerMessageId;
        awaitsDeliveryReport ||= result.awaitsDeliveryReport === true;
      } catch (error) {
        if (!ids.some((id) => id !== '')) throw error;
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'send failed';
        throw new PartiallySentError(`part ${i + 1} of ${parts.length} not sent (${reason})`, ids, { cause: error });
      }
    }
    return {
      providerMessageId: ids.join(','),
      ...(awaitsDeliveryReport ? { awaitsDeliveryReport: true } : {}),
      ...(fitted.fallback ? { sentAs: { text: fitted.text, language: fitted.language, charsetFallback: fitted.fallback } } : {}),
    };
  };
}
