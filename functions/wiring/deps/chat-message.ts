import type { InboundMessage } from '../../../schemas/inbound-message.ts';
import type { ChatPolicy } from '../../core/chat/model.ts';
import type { ChatConnectionRepository, ConnectionSender } from '../../core/chat/ports.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface ChatMessageHandlerDeps {
  connections: ChatConnectionRepository;
  /** The sender for the API stage the event came from (its @connections endpoint). */
  senderFor(requestContext: { domainName: string; stage: string }): ConnectionSender;
  intake: IntakeQueue;
  previewReceipt(message: InboundMessage): Promise<{ receiptNo: string }>;
  /** Derivable from the message alone; the ack uses it when the table is slow. */
  receiptFor(message: InboundMessage): string;
  previewBudgetMs: number;
  clock: Clock;
  log: Log;
  policy?: Partial<ChatPolicy>;
}
