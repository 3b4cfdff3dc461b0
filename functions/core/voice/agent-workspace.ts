import type { Channel } from '../../../schemas/inbound-message.ts';
import { complaintIdFor } from '../ids.ts';
import type { LanguageCode, SuggestedCase } from '../model.ts';
import type { ComplaintRepository, VersionedComplaint } from '../ports/complaint-repository.ts';
import type { DomainEvent } from '../ports/events.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ConnectContactLinks } from './contact-links.ts';
import type { Message } from '../model.ts';

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
  /** The knowledge cases suggested for the complaint, best first (when computed before the contact starts). */
  suggestedCases?: SuggestedCase[];
  /** The self-service answer the citizen read and found no help in, when the message came from it. */
  selfServiceCaseId?: string;
}

/** One line per suggested case, as counselors read it in the contact's attributes and a task's description. */
export function suggestedCaseLines(cases: readonly SuggestedCase[]): string[] {
  return cases.map((c) => `${c.title} (${c.caseId})`);
}

export interface WorkspaceContactStarter {
  /** `participantToken`: the customer side of a chat contact (a secret; never logged or stored in clear). */
  start(contact: WorkspaceContact): Promise<{ contactId: string; participantToken?: string }>;
}

/**
 * The chat contact through which a complaint's later messages reach its counselor: the newest
 * chat contact started for the complaint, with its customer participant token sealed.
 */
export interface WorkspaceChat {
  complaintId: string;
  contactId: string;
  /** The message the chat was started for: its text is the chat's first message already. */
  messageId: string;
  participantTokenSealed: string;
  /** When the message the chat was started for arrived: the same on every redelivery, so it orders chats. */
  startedAt: string;
  /** Set once posting into it showed the chat has ended. */
  endedAt?: string;
}

export interface WorkspaceChats {
  get(complaintId: string): Promise<WorkspaceChat | null>;
  /** Replaces an ended chat or one started for an earlier message; a redelivered start changes nothing. */
  put(chat: WorkspaceChat): Promise<void>;
  markEnded(complaintId: string, contactId: string, at: string): Promise<void>;
}

/** Amazon Connect Participant Service, as the customer participant of a chat contact. */
export interface ChatParticipant {
  /**
   * Connects the customer side of a streamed chat (CreateParticipantConnection, ConnectParticipant):
   * Connect disconnects a chat whose customer has not connected within 5 minutes of its start.
   * `ended` when the chat is already over.
   */
  connect(request: { participantToken: string }): Promise<'connected' | 'ended'>;
  /** Posts a message; `ended` when the chat is over and no longer accepts the participant. */
  post(request: { participantToken: string; clientToken: string; text: string }): Promise<'posted' | 'ended'>;
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
  chats: WorkspaceChats;
  participant: ChatParticipant;
  pii: Pick<PiiProtector, 'seal' | 'open'>;
  clock: Clock;
  log: Log;
}

/**
 * A follow-up that finds no chat to join waits this long for its complaint's first contact (the
 * founding message's event may be delivered after it); after that it starts a contact of its own.
 */
export const FOUNDING_CONTACT_GRACE_MS = 15 * 60_000;

/** Channels whose complaints reach counselors through the agent workspace (voice is there already). */
export const WORKSPACE_CHANNELS: readonly Channel[] = ['sms', 'chat', 'x'];

/** X mentions are public posts without a live conversation: a task; the others a chat contact. */
export function workspaceKindFor(channel: Channel): 'chat' | 'task' {
  return channel === 'x' ? 'task' : 'chat';
}

export type WorkspaceOutcome =
  | { status: 'started'; kind: 'chat' | 'task'; contactId: string }
  | { status: 'posted'; contactId: string }
  | { status: 'ignored'; reason: string };

/** Thrown when the event names items intake has not finished writing; the delivery is retried. */
export class WorkspaceNotReadyError extends Error {
  override readonly name = 'WorkspaceNotReadyError';
}

/**
 * Puts each SMS, chat and X message in front of counselors. The message that founds a complaint
 * starts a Connect chat contact (ClientToken = message id, so a redelivered event finds the same
 * contact) or, for X, a task, routed on the citizen's language; chat contacts get message
 * streaming (counselor replies) and their customer participant token is kept, sealed. A later
 * message of the complaint is posted into that chat as the citizen, so the counselor reads it in
 * the conversation; when the chat has ended (or there is none, or it is X), it starts a contact of
 * its own. Every step is idempotent; a failure throws so the event is retried (and kept in the DLQ
 * after that).
 */
export async function putInAgentWorkspace(deps: AgentWorkspaceDeps, event: DomainEvent): Promise<WorkspaceOutcome> {
  if (event.type !== 'message.stored') return { status: 'ignored', reason: `event ${event.type}` };
  const channel = event.channel as Channel;
  if (!WORKSPACE_CHANNELS.includes(channel)) return { status: 'ignored', reason: `channel ${event.channel}` };

  const complaint = await deps.repository.getComplaint(event.complaintId);
  const message = complaint ? await deps.repository.getMessage(event.complaintId, event.messageId) : null;
  if (!complaint || !message) throw new WorkspaceNotReadyError(`complaint ${event.complaintId} or message ${event.messageId} not readable yet`);

  const founding = complaintIdFor(event.messageId) === event.complaintId;
  const kind = workspaceKindFor(channel);
  if (!founding && kind === 'chat') {
    const posted = await postIntoOpenChat(deps, complaint, message);
    if (posted) return posted;
  }
  if (founding && kind === 'chat') {
    // A redelivered founding event: the chat is stored only once started, streamed and connected.
    const chat = await deps.chats.get(complaint.complaintId);
    if (chat?.messageId === message.messageId) return { status: 'started', kind, contactId: chat.contactId };
  }
  return startContact(deps, complaint, message, channel, kind);
}

/** The follow-up posted into the complaint's live chat, or null when there is none to post into. */
async function postIntoOpenChat(deps: AgentWorkspaceDeps, complaint: VersionedComplaint, message: Message): Promise<WorkspaceOutcome | null> {
  const chat = await deps.chats.get(complaint.complaintId);
  if (!chat) {
    const age = deps.clock.now().getTime() - Date.parse(complaint.createdAt);
    if (age < FOUNDING_CONTACT_GRACE_MS) throw new WorkspaceNotReadyError(`complaint ${complaint.complaintId} has no chat contact yet`);
    return null;
  }
  // A redelivered event of the message that started this chat: its text is already the first message.
  if (chat.messageId === message.messageId) return { status: 'started', kind: 'chat', contactId: chat.contactId };
  if (chat.endedAt) return null;
  const outcome = await deps.participant.post({
    participantToken: deps.pii.open(chat.participantTokenSealed),
    clientToken: message.messageId,
    text: followUpText(message),
  });
  if (outcome === 'ended') {
    await deps.chats.markEnded(complaint.complaintId, chat.contactId, deps.clock.now().toISOString());
    deps.log.info('workspace chat has ended; follow-up starts a new contact', { complaintId: complaint.complaintId, contactId: chat.contactId });
    return null;
  }
  deps.log.info('follow-up posted into the workspace chat', { complaintId: complaint.complaintId, contactId: chat.contactId, messageId: message.messageId });
  return { status: 'posted', contactId: chat.contactId };
}

/** The citizen's words, then the Korean translation when there is one (counselors work in Korean). */
export function followUpText(message: Message): string {
  const original = message.text.trim() || (message.attachments.length > 0 ? `[${message.attachments.length} attachment(s)]` : '[empty message]');
  const korean = message.translation.text?.trim();
  return korean && korean !== original ? `${original}\n\n[번역] ${korean}` : original;
}

async function startContact(deps: AgentWorkspaceDeps, complaint: VersionedComplaint, message: Message, channel: Channel, kind: 'chat' | 'task'): Promise<WorkspaceOutcome> {
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
    ...(complaint.suggestedCases?.length ? { suggestedCases: complaint.suggestedCases } : {}),
    ...(message.selfServiceCaseId ? { selfServiceCaseId: message.selfServiceCaseId } : {}),
  };
  const { contactId, participantToken } = await (kind === 'chat' ? deps.chat : deps.task).start(contact);
  if (kind === 'chat') {
    if (!participantToken) throw new Error(`chat contact ${contactId} was started without a participant token: its customer side cannot be connected`);
    // AWS's order for a streamed chat: StartChatContact, StartContactStreaming, CreateParticipantConnection.
    await deps.streaming.start({ contactId, clientToken: `stream-${message.messageId}` });
    if ((await deps.participant.connect({ participantToken })) === 'ended') {
      throw new Error(`chat contact ${contactId} ended before its customer side was connected; complaint ${complaint.complaintId} needs a new contact`);
    }
  }
  const startedAt = deps.clock.now().toISOString();
  await deps.links.put({ contactId, complaintId: complaint.complaintId, messageId: message.messageId, channel, kind, startedAt });
  if (kind === 'chat' && participantToken) {
    await deps.chats.put({ complaintId: complaint.complaintId, contactId, messageId: message.messageId, participantTokenSealed: deps.pii.seal(participantToken), startedAt: message.receivedAt });
  }
  deps.log.info('complaint put in the agent workspace', { complaintId: complaint.complaintId, kind, contactId, language: complaint.language });
  return { status: 'started', kind, contactId };
}
