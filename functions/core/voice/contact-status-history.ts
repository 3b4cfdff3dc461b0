import { canTransition } from '../complaint-lifecycle.ts';
import { ConcurrentStatusChangeError } from '../errors.ts';
import { messageIdFor, statusEventIdFor } from '../ids.ts';
import type { ComplaintStatus } from '../model.ts';
import type { ComplaintRepository, VersionedStatusEvent } from '../ports/complaint-repository.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { ReservationRepository } from '../reservations/ports.ts';
import { markReservationKept } from '../reservations/reservation-lifecycle.ts';
import type { VideoContactLinks } from '../video/ports.ts';
import type { WorkspaceChats } from './agent-workspace.ts';
import type { ConnectContactLinks } from './contact-links.ts';
import type { ContactStatusEntry } from './contact-events.ts';

export interface VoiceStatusHistoryDeps {
  repository: Pick<ComplaintRepository, 'getMessageClaim' | 'getComplaintDetail' | 'putStatusEvent' | 'getStatusEvent' | 'applyStatusEvent'>;
  /** Contacts started for other channels' complaints (agent workspace); absent: voice only. */
  links?: Pick<ConnectContactLinks, 'get'>;
  /** With links: a workspace chat that disconnects is marked ended, so follow-ups start a new contact at once. */
  chats?: Pick<WorkspaceChats, 'markEnded'>;
  /** Citizens' video calls (StartWebRTCContact): the call's link leads to its complaint through a message claim. */
  videoLinks?: Pick<VideoContactLinks, 'get'>;
  /** With videoLinks: a reserved call that reaches a counselor marks its reservation kept. */
  reservations?: Pick<ReservationRepository, 'get' | 'transition'>;
  /** With videoLinks: how long ago a video call's event happened, to wait for its link (VIDEO_LINK_WAIT_MS). */
  clock?: Clock;
  log: Log;
}

/**
 * Connect emits a video contact's first events as StartWebRTCContact returns, before the start
 * route has stored the call's link: for this long an event of an unlinked video contact is asked
 * for again (EventBridge retries) instead of being skipped.
 */
export const VIDEO_LINK_WAIT_MS = 5 * 60_000;

export interface ContactComplaint {
  complaintId: string;
  via: 'call' | 'workspace-chat' | 'workspace-task' | 'video';
  /** A video call's reservation. */
  reservationId?: string;
}

const MAX_ROUNDS = 5;

/**
 * The complaint a contact belongs to: a call's message claim, else a workspace contact's link,
 * else a video call's link (whose message the pipeline may not have stored yet: then it throws,
 * so the event is delivered again).
 */
export async function complaintForContact(deps: Pick<VoiceStatusHistoryDeps, 'repository' | 'links' | 'videoLinks'>, contactKey: string): Promise<ContactComplaint | null> {
  const claim = await deps.repository.getMessageClaim(messageIdFor({ channel: 'voice', provider: 'amazon-connect', providerMessageId: contactKey }));
  if (claim) return { complaintId: claim.complaintId, via: 'call' };
  const link = await deps.links?.get(contactKey);
  if (link) return { complaintId: link.complaintId, via: link.kind === 'chat' ? 'workspace-chat' : 'workspace-task' };
  const video = await deps.videoLinks?.get(contactKey);
  if (!video) return null;
  const filed = await deps.repository.getMessageClaim(video.messageId);
  if (!filed) throw new ConcurrentStatusChangeError(`the complaint of video call ${contactKey} is not filed yet`);
  return { complaintId: filed.complaintId, via: 'video', ...(video.reservationId ? { reservationId: video.reservationId } : {}) };
}

/**
 * The status the complaint takes for an entry: the entry's own when the lifecycle allows the
 * move, the current one otherwise. A contact event never moves a complaint back (a re-queued
 * call stays in progress) and never reopens through `received`; it is then recorded as activity
 * (from = to), so the history still says who did what and when.
 */
export function statusForEntry(current: ComplaintStatus, entry: Pick<ContactStatusEntry, 'to'>): ComplaintStatus {
  return current !== entry.to && canTransition(current, entry.to) ? entry.to : current;
}

/**
 * Contact events -> the complaint's append-only status history. Each entry becomes one versioned
 * status event carrying the Connect event id (`sourceEventId`); before writing, the history is
 * read and an entry already there is skipped, so EventBridge redeliveries and concurrent
 * deliveries converge on one event (the loser of a version slot re-reads and finds it).
 * Contacts with no complaint (happy calls, contacts started elsewhere) are skipped.
 */
export type AppendResult = 'appended' | 'duplicate' | 'no-complaint';

/** Structurally the contact-event handler's VoiceStatusPort, plus a per-entry result for tests. */
export interface VoiceStatusHistory {
  append(entries: ContactStatusEntry[]): Promise<void>;
  appendOne(entry: ContactStatusEntry): Promise<AppendResult>;
}

export function createVoiceStatusHistory(deps: VoiceStatusHistoryDeps): VoiceStatusHistory {
  const appendOne = async (entry: ContactStatusEntry): Promise<AppendResult> => {
    const found = await complaintForContact(deps, entry.contactKey);
    if (!found && entry.video && deps.videoLinks && deps.clock && deps.clock.now().getTime() - Date.parse(entry.at) < VIDEO_LINK_WAIT_MS) {
      throw new ConcurrentStatusChangeError(`video call ${entry.contactKey} is not linked yet`);
    }
    if (!found) {
      deps.log.info('contact event for a contact without complaint skipped', { contactKey: entry.contactKey, kind: entry.kind });
      return 'no-complaint';
    }
    const { complaintId } = found;
    if (entry.kind === 'disconnected' && found.via === 'workspace-chat') await deps.chats?.markEnded(complaintId, entry.contactKey, entry.at);
    const result = await appendToComplaint(complaintId, entry);
    // Also on a redelivered entry: a crash may have come between the two writes.
    if (entry.kind === 'connected_to_counselor' && found.reservationId && deps.reservations) {
      const kept = await markReservationKept(deps.reservations, { reservationId: found.reservationId, at: entry.at, actor: entry.actor, reason: `video call ${entry.contactKey} connected to a counselor` });
      deps.log.info('video call reached a counselor', { contactKey: entry.contactKey, reservationId: found.reservationId, reservation: kept });
    }
    return result;
  };

  const appendToComplaint = async (complaintId: string, entry: ContactStatusEntry): Promise<AppendResult> => {
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const detail = await deps.repository.getComplaintDetail(complaintId);
      if (!detail) {
        // The claim exists but the complaint is still being created by intake: retry later.
        throw new ConcurrentStatusChangeError(`complaint ${complaintId} of contact ${entry.contactKey} is not written yet`);
      }
      if (detail.statusEvents.some((e) => e.sourceEventId === entry.eventId)) return 'duplicate';
      const { complaint } = detail;
      const version = complaint.statusVersion + 1;
      const event: VersionedStatusEvent = {
        complaintId,
        eventId: statusEventIdFor(version),
        version,
        at: entry.at,
        actor: entry.actor,
        from: complaint.status,
        to: statusForEntry(complaint.status, entry),
        reason: entry.reason,
        sourceEventId: entry.eventId,
      };
      if (await deps.repository.putStatusEvent(event)) {
        await deps.repository.applyStatusEvent(event);
        return 'appended';
      }
      // Slot taken: roll the other writer's event forward, then look again (it may be ours).
      const pending = await deps.repository.getStatusEvent(complaintId, version);
      if (pending) await deps.repository.applyStatusEvent(pending);
    }
    throw new ConcurrentStatusChangeError(`complaint ${complaintId}: status kept changing while recording ${entry.eventId}`);
  };

  return {
    appendOne,
    async append(entries) {
      // In order: the entries of one event (disconnect, then after-contact work) keep their sequence.
      for (const entry of entries) await appendOne(entry);
    },
  };
}
