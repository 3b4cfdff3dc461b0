import * as z from './zod-mini.ts';

/**
 * The two-way SMS message AWS End User Messaging SMS publishes to an SNS topic
 * (User Guide, "Example of a two-way SMS message payload for Amazon SNS topics").
 * It arrives as the JSON string in the SNS `Message` field. Two-way MMS is not supported
 * by the service, so there is no media here.
 */
export const EumInboundSmsSchema = z.looseObject({
  /** The citizen's phone number (E.164). */
  originationNumber: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Our dedicated number the citizen wrote to. */
  destinationNumber: z.string().check(z.minLength(1), z.maxLength(64)),
  /** The registered keyword matched, when the service matched one. */
  messageKeyword: z.optional(z.string().check(z.maxLength(256))),
  messageBody: z.string().check(z.maxLength(100_000)),
  /** Unique per inbound message: the dedupe key. */
  inboundMessageId: z.string().check(z.minLength(1), z.maxLength(256)),
  /** The outbound message the citizen is answering, when there is one. */
  previousPublishedMessageId: z.optional(z.string().check(z.maxLength(256))),
});

export type EumInboundSms = z.infer<typeof EumInboundSmsSchema>;

export type EumParseResult = { ok: true; message: EumInboundSms } | { ok: false; reason: string };

/** Parses the SNS `Message` string into the two-way message, with a reason on failure. */
export function parseEumInboundSms(snsMessage: string): EumParseResult {
  let json: unknown;
  try {
    json = JSON.parse(snsMessage);
  } catch {
    return { ok: false, reason: 'SNS Message is not JSON' };
  }
  const parsed = EumInboundSmsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: z.prettifyError(parsed.error) };
  return { ok: true, message: parsed.data };
}
