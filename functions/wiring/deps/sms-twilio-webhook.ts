import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface TwilioWebhookDeps {
  log: Log;
  clock: Clock;
  /** scheme://host[:port] that Twilio was configured with; the request path is appended. */
  publicBaseUrl: string;
  twilioCredentials(): Promise<{ accountSid: string; authToken: string }>;
  intake: IntakeQueue;
  /** The receipt number to tell the citizen: their open complaint's, or the new one's. */
  previewReceipt(message: InboundMessage): Promise<{ receiptNo: string; joinedExisting: boolean }>;
  /** Derivable from the message alone; used when the table is slow to answer. */
  receiptFor(message: InboundMessage): string;
  /** Twilio waits 15 s; the receipt lookup gets a small slice of that. */
  previewBudgetMs: number;
}
