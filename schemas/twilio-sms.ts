import * as z from './zod-mini.ts';

/** Twilio sends at most ten media items with one MMS. */
export const TWILIO_MAX_MEDIA = 10;

const sid = (prefix: string) => z.string().check(z.regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `expected a Twilio ${prefix}… SID`));
// Twilio serves media over https; http is accepted so a local stand-in can play Twilio.
const mediaUrl = z.optional(z.url({ protocol: /^https?$/ }));
const mediaType = z.optional(z.string().check(z.minLength(1), z.maxLength(255)));

/**
 * The form parameters of Twilio's incoming-message webhook (application/x-www-form-urlencoded).
 * Twilio adds parameters without notice (FromCity, NumSegments, ApiVersion, ...): they pass
 * through untouched, which also matters because every received parameter is part of the
 * signed string.
 */
export const TwilioSmsWebhookSchema = z
  .looseObject({
    // SM… for SMS, MM… for MMS; some accounts still deliver legacy SmsSid/SmsMessageSid too.
    MessageSid: z.string().check(z.regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'expected a Twilio SM…/MM… message SID')),
    AccountSid: sid('AC'),
    From: z.string().check(z.minLength(1), z.maxLength(64)),
    To: z.string().check(z.minLength(1), z.maxLength(64)),
    // Twilio always sends Body, but it is empty for a picture-only MMS.
    Body: z._default(z.string().check(z.maxLength(100_000)), ''),
    NumMedia: z._default(z.string().check(z.regex(/^\d{1,2}$/, 'NumMedia must be a small non-negative integer')), '0'),
    MessagingServiceSid: z.optional(sid('MG')),
    /** Advanced Opt-Out: STOP, START or HELP when the whole Body matched one of the service's keywords. */
    OptOutType: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
    MediaUrl0: mediaUrl,
    MediaUrl1: mediaUrl,
    MediaUrl2: mediaUrl,
    MediaUrl3: mediaUrl,
    MediaUrl4: mediaUrl,
    MediaUrl5: mediaUrl,
    MediaUrl6: mediaUrl,
    MediaUrl7: mediaUrl,
    MediaUrl8: mediaUrl,
    MediaUrl9: mediaUrl,
    MediaContentType0: mediaType,
    MediaContentType1: mediaType,
    MediaContentType2: mediaType,
    MediaContentType3: mediaType,
    MediaContentType4: mediaType,
    MediaContentType5: mediaType,
    MediaContentType6: mediaType,
    MediaContentType7: mediaType,
    MediaContentType8: mediaType,
    MediaContentType9: mediaType,
  })
  .check(
    z.superRefine((params, ctx) => {
      const count = Number(params.NumMedia);
      if (count > TWILIO_MAX_MEDIA) {
        ctx.addIssue({ code: 'custom', path: ['NumMedia'], message: `NumMedia ${count} exceeds Twilio's ${TWILIO_MAX_MEDIA}` });
        return;
      }
      const record = params as Record<string, unknown>;
      for (let i = 0; i < TWILIO_MAX_MEDIA; i += 1) {
        const hasUrl = record[`MediaUrl${i}`] !== undefined;
        const hasType = record[`MediaContentType${i}`] !== undefined;
        if (i < count) {
          if (!hasUrl) ctx.addIssue({ code: 'custom', path: [`MediaUrl${i}`], message: `NumMedia is ${count} but MediaUrl${i} is missing` });
          if (!hasType) ctx.addIssue({ code: 'custom', path: [`MediaContentType${i}`], message: `NumMedia is ${count} but MediaContentType${i} is missing` });
        } else if (hasUrl || hasType) {
          ctx.addIssue({ code: 'custom', path: [`MediaUrl${i}`], message: `NumMedia is ${count} but media item ${i} is present` });
        }
      }
      if (count === 0 && params.Body.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['Body'], message: 'an SMS without media must have a Body' });
      }
    }),
  );

export type TwilioSmsWebhook = z.infer<typeof TwilioSmsWebhookSchema>;
export type TwilioSmsWebhookInput = z.input<typeof TwilioSmsWebhookSchema>;
