import type { Channel } from '../../../schemas/inbound-message.ts';
import { complaintIdFor } from '../ids.ts';
import type { LanguageCode } from '../model.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { DomainEvent } from '../ports/events.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ConnectContactLinks } from './contact-links.ts';

/** A complaint put in front of counselors (the Connect adapters' AgentWorkspaceContact). */
export interface WorkspaceContact {
  messageId: string;
  complaintId: string;
  receiptNo: string;
  channel: Channel;
  language: LanguageCode;
  originalText: string;
  koreanText?: string;
  displayName: string;
}

export interface WorkspaceContactStarter {
  start(contact: WorkspaceContact): Promise<{ contactId: string }>;
}

/** StartContactStreaming: counselor messages of the chat contact are published for the reply stream. */
export interface ChatStreaming {
  start(request: { contactId: string; clientToken: string }): Promise<void>;
}

export interface AgentWorkspaceDeps {
  repository: Pick<ComplaintRepository, 'getComplaint' | 'getMessage'>;
  chat: WorkspaceContactStarter;
  task: WorkspaceContactStarter;
  streaming: ChatStreaming;
  links: Pick<ConnectContactLinks, 'put'>;
  clock: Clock;
  log: Log;
}

/** Channels whose complaints reach counselors through the agent workspace (voice is there already). */
export const WORKSPACE_CHANNELS: readonly Channel[] = ['sms', 'chat', 'x'];

/** X mentions are public posts without a live conversation: a task; the others a chat contact. */
export function workspaceKindFor(channel: Channel): 'chat' | 'task' {
  return channel === 'x' ? 'task' : 'chat';
}

export type WorkspaceOutcome =
  | { status: 'started'; kind: 'chat' | 'task'; contactId: string }
  | { status: 'ignored'; reason: string };

/** Thrown when the event names items intake has not finished writing; the delivery is retried. */
export class WorkspaceNotReadyError extends Error {
  override readonly name = 'WorkspaceNotReadyError';
}

/**
 * Puts a new complaint in front of counselors: for the message that founded an SMS, chat or X
 * complaint, starts a Connect chat contact (ClientToken = message id, so a redelivered event
 * finds the same contact) or a task, routed on the citizen's language, then turns on message
 * streaming for chat contacts and records contact -> complaint. Later messages of the same
 * complaint are not new contacts (counselors see them in the complaint). Every step is
 * idempotent; a failure throws so the event is retried (and kept in the DLQ after that).
 */
export async function putInAgentWorkspace(deps: AgentWorkspaceDeps, event: DomainEvent): Promise<WorkspaceOutcome> {
  if (event.type !== 'message.stored') return { status: 'ignored', reason: `event ${event.type}` };
  const channel = event.channel as Channel;
  if (!WORKSPACE_CHANNELS.includes(channel)) return { status: 'ignored', reason: `channel ${event.channel}` };
  if (complaintIdFor(event.messageId) !== event.complaintId) return { status: 'ignored', reason: 'follow-up message of an existing complaint' };

  const complaint = await deps.repository.getComplaint(event.complaintId);
  const message = complaint ? await deps.repository.getMessage(event.complaintId, event.messageId) : null;
  if (!complaint || !message) throw new WorkspaceNotReadyError(`complaint ${event.complaintId} or message ${event.messageId} not readable yet`);

  const kind = workspaceKindFor(channel);
  const contact: WorkspaceContact = {
    messageId: message.messageId,
    complaintId: complaint.complaintId,
    receiptNo: complaint.receiptNo,
    channel,
    language: complaint.language,
    originalText: message.text,
    ...(message.translation.text ? { koreanText: message.translation.text } : {}),
    // Masked handle only: the workspace is not a place for a clear phone number.
    displayName: `${complaint.citizen.masked} ${complaint.receiptNo}`,
  };
  const { contactId } = await (kind === 'chat' ? deps.chat : deps.task).start(contact);
  if (kind === 'chat') await deps.streaming.start({ contactId, clientToken: `stream-${message.messageId}` });
  await deps.links.put({
    contactId,
    complaintId: complaint.complaintId,
    messageId: message.messageId,
    channel,
    kind,
    startedAt: deps.clock.now().toISOString(),
  });
  deps.log.info('complaint put in the agent workspace', { complaintId: complaint.complaintId, kind, contactId, language: complaint.language });
  return { status: 'started', kind, contactId };
}
