import * as z from './zod-mini.ts';

/*
 * On its own so that the functions which only validate a channel (the complaints API's query
 * parameters, the statistics sources) do not build every inbound-message schema at load (ADR 0008).
 */

/** Channels a citizen can use to reach the gateway. */
/** `web`: service requests filed over Open311 GeoReport v2 (the city's website and civic apps). */
export const ChannelSchema = z.enum(['sms', 'chat', 'x', 'voice', 'web']);
export type Channel = z.infer<typeof ChannelSchema>;
