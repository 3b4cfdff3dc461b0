import { StartChatContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { fitContactAttributes } from '../../core/voice/contact-attributes.ts';
import { queueKeyFor } from '../../core/voice/language-routing.ts';
import { MAX_CHAT_MESSAGE_LENGTH, MAX_DISPLAY_NAME_LENGTH, clientTokenFor, clip } from './connect-limits.ts';
import { withConnectRetry, type RetryOptions } from './connect-retry.ts';
import { suggestedCaseLines, type WorkspaceContact } from '../../core/voice/agent-workspace.ts';

/** A complaint to put in front of counselors as a Connect chat contact. */
/** The core's view of a complaint put in front of counselors; one shape for port and adapter. */
export type AgentWorkspaceContact = WorkspaceContact;

/** Contact attributes the chat/task flow routes on and the agent workspace shows. */
export function workspaceAttributes(contact: AgentWorkspaceContact): Record<string, string> {
  return fitContactAttributes(
    [
      ['receiptNo', contact.receiptNo],
      ['complaintId', contact.complaintId],
      ['language', queueKeyFor(contact.language)],
      ['channel', contact.channel],
      // Before the texts: when a long complaint must be cut to fit, these stay whole.
      ['selfServiceCaseId', contact.selfServiceCaseId],
      ['suggestedCaseIds', contact.suggestedCases?.map((c) => c.caseId).join(',')],
      ['suggestedCases', contact.suggestedCases ? suggestedCaseLines(contact.suggestedCases).join('\n') : undefined],
      ['koreanText', contact.koreanText],
      ['originalText', contact.originalText],
    ],
    // Leaves headroom under 32 KB for attributes the flow and counselors add later.
    { mode: 'api', maxTotalBytes: 24_576, maxValueBytes: 12_000 },
  ).attributes;
}

export interface ChatContactStarterOptions {
  client: ConnectClient;
  instanceId: string;
  /** The generated chat/task flow. */
  contactFlowId: string;
  retry?: RetryOptions;
}

export function createChatContactStarter(options: ChatContactStarterOptions) {
  return {
    /** Starts (or, on a retry, finds) the chat contact; the participant token is a secret, never log it. */
    async start(contact: AgentWorkspaceContact): Promise<{ contactId: string; participantToken?: string; participantId?: string }> {
      const command = new StartChatContactCommand({
        InstanceId: options.instanceId,
        ContactFlowId: options.contactFlowId,
        ClientToken: clientTokenFor(contact.messageId),
        Attributes: workspaceAttributes(contact),
        ParticipantDetails: { DisplayName: clip(contact.displayName || contact.receiptNo, MAX_DISPLAY_NAME_LENGTH) },
        InitialMessage: { ContentType: 'text/plain', Content: clip(contact.originalText.trim() || `[${contact.receiptNo}]`, MAX_CHAT_MESSAGE_LENGTH) },
        SupportedMessagingContentTypes: ['text/plain'],
      });
      const out = await withConnectRetry('StartChatContact', () => options.client.send(command), options.retry);
      if (!out.ContactId) throw new Error('StartChatContact returned no ContactId');
      return {
        contactId: out.ContactId,
        ...(out.ParticipantToken ? { participantToken: out.ParticipantToken } : {}),
        ...(out.ParticipantId ? { participantId: out.ParticipantId } : {}),
      };
    },
  };
}
