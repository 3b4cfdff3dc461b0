import { apiGatewayConnectionSender, managementClient, managementEndpoint } from '../../adapters/chat/api-gateway-connection-sender.ts';
import { previewReceipt, receiptNoFor } from '../../core/receipt.ts';
import type { ChatMessageHandlerDeps } from '../deps/chat-message.ts';
import { chatConnectionRepository } from './chat-parts.ts';
import { complaintRepository } from './complaints.ts';
import { piiProtector } from './pii.ts';
import { clock, log } from './log-and-clock.ts';
import { intakeQueue } from './sqs-intake.ts';

export async function chatMessageDeps(): Promise<ChatMessageHandlerDeps> {
  const repository = complaintRepository();
  const pii = await piiProtector();
  return {
    connections: chatConnectionRepository(),
    senderFor: ({ domainName, stage }) => apiGatewayConnectionSender(managementClient(managementEndpoint(domainName, stage))),
    intake: intakeQueue(),
    previewReceipt: (message) => previewReceipt({ repository, pii }, message),
    receiptFor: receiptNoFor,
    previewBudgetMs: 1500,
    clock,
    log,
  };
}
