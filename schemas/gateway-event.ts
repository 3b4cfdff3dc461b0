import * as z from './zod-mini.ts';

const id = z.string().check(z.minLength(1), z.maxLength(200));

/**
 * Any of the gateway's own domain events as EventBridge delivers them (eventbridge-publisher.ts):
 * the type and the ids it names, whatever else the detail carries (consumers read the items).
 */
export const GatewayEventSchema = z.looseObject({
  source: z.literal('citizen-contact-gateway'),
  'detail-type': z.string(),
  detail: z.looseObject({
    type: z.string().check(z.minLength(1), z.maxLength(100)),
    complaintId: z.optional(id),
    messageId: z.optional(id),
    reservationId: z.optional(id),
    registrationId: z.optional(id),
    slot: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
    to: z.optional(z.string()),
    from: z.optional(z.nullable(z.string())),
  }),
});
export type GatewayEvent = z.infer<typeof GatewayEventSchema>;
