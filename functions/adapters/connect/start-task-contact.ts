import { StartTaskContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { MAX_TASK_DESCRIPTION_LENGTH, MAX_TASK_NAME_LENGTH, clientTokenFor, clip } from './connect-limits.ts';
import { withConnectRetry, type RetryOptions } from './connect-retry.ts';
import { suggestedCaseLines } from '../../core/voice/agent-workspace.ts';
import { workspaceAttributes, type AgentWorkspaceContact } from './start-chat-contact.ts';

export interface TaskContactStarterOptions {
  client: ConnectClient;
  instanceId: string;
  contactFlowId: string;
  /** Read-API or console URL of a complaint, shown as a task reference. */
  complaintUrl?: (complaintId: string) => string;
  retry?: RetryOptions;
}

/** For channels without a live conversation (X mentions): a Connect task carrying the complaint. */
export function createTaskContactStarter(options: TaskContactStarterOptions) {
  return {
    async start(contact: AgentWorkspaceContact): Promise<{ contactId: string }> {
      const text = contact.koreanText && contact.koreanText !== contact.originalText
        ? `${contact.koreanText}\n\n--- 원문 (${contact.language}) ---\n${contact.originalText}`
        : contact.originalText;
      // First, so a long complaint cut to the description's limit never cuts the suggestions off.
      const description = contact.suggestedCases?.length ? `추천 상담 사례: ${suggestedCaseLines(contact.suggestedCases).join(', ')}\n\n${text}` : text;
      const command = new StartTaskContactCommand({
        InstanceId: options.instanceId,
        ContactFlowId: options.contactFlowId,
        ClientToken: clientTokenFor(contact.messageId),
        Name: clip(`[${contact.receiptNo}] ${contact.channel} 민원`, MAX_TASK_NAME_LENGTH),
        Description: clip(description || `[${contact.receiptNo}]`, MAX_TASK_DESCRIPTION_LENGTH),
        Attributes: workspaceAttributes(contact),
        ...(options.complaintUrl
          ? { References: { complaint: { Type: 'URL', Value: options.complaintUrl(contact.complaintId) } } }
          : {}),
      });
      const out = await withConnectRetry('StartTaskContact', () => options.client.send(command), options.retry);
      if (!out.ContactId) throw new Error('StartTaskContact returned no ContactId');
      return { contactId: out.ContactId };
    },
  };
}
