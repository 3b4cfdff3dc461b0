import type { ConnectContactEvent } from '../../../schemas/connect-contact-event.ts';
import type { ComplaintStatus } from '../model.ts';

/**
 * A status-history entry derived from an Amazon Connect contact event. `from` is left out when the
 * event records an activity without changing the complaint's status (the lifecycle use case
 * fills in the stored status). `contactKey` finds the complaint: the first contact of the chain.
 */
export interface ContactStatusEntry {
  contactKey: string;
  /** Deterministic, so an EventBridge redelivery is recognised as the same entry. */
  eventId: string;
  at: string;
  /** 'connect' for the system, 'counselor:<agent id>' when a counselor acted. */
  actor: string;
  from?: ComplaintStatus;
  to: ComplaintStatus;
  kind: 'started' | 'queued' | 'connected_to_counselor' | 'disconnected' | 'after_contact_work';
  reason: string;
  /** On a disconnect after counseling: seconds from the counselor's connection to the disconnect. */
  durationSeconds?: number;
  /** The contact is a video call (StartWebRTCContact): its link may be written just after Connect's first events. */
  video?: true;
}

/** Contacts started with StartWebRTCContact: the citizen's sign-language video calls. */
const VIDEO_INITIATION = 'WEBRTC_API';

/** `3 min 50 s`, `45 s`: how long a citizen was with a counselor, for a history a person reads. */
export function spokenDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** Agent id from its ARN (…/agent/<id>); the ARN itself is not personal data but is long. */
export function counselorActor(agentArn: string | undefined): string {
  const id = agentArn?.split('/agent/')[1];
  return id ? `counselor:${id}` : 'counselor:unknown';
}

function queueName(queueArn: string | undefined): string {
  return queueArn?.split('/queue/')[1] ?? queueArn ?? 'unknown queue';
}

function iso(value: string | undefined, fallback: string): string {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? new Date(Date.parse(fallback)).toISOString() : new Date(time).toISOString();
}

/**
 * Maps one contact event to the entries it adds to the complaint's history: a video call's start,
 * queued, connected to a counselor (who), disconnected (with the time spent with the counselor),
 * after-contact work. INITIATED of other contacts, CONTACT_DATA_UPDATED and event types added
 * later produce nothing.
 */
export function contactEventToStatusEntries(event: ConnectContactEvent): ContactStatusEntry[] {
  const d = event.detail;
  const video = d.initiationMethod === VIDEO_INITIATION;
  const contactKey = d.initialContactId ?? d.contactId;
  const agent = d.agentInfo;
  const entries: ContactStatusEntry[] = [];
  const add = (entry: Omit<ContactStatusEntry, 'contactKey' | 'eventId'>) =>
    entries.push({ contactKey, eventId: `connect:${d.contactId}:${entry.kind}:${entry.at}`, ...entry, ...(video ? { video: true as const } : {}) });

  switch (d.eventType) {
    case 'INITIATED':
      if (video) add({ kind: 'started', at: iso(d.initiationTimestamp, event.time), actor: 'connect', to: 'received', reason: 'video call started' });
      break;
    case 'QUEUED':
      add({
        kind: 'queued',
        at: iso(d.queueInfo?.enqueueTimestamp, event.time),
        actor: 'connect',
        to: 'received',
        reason: `queued in ${queueName(d.queueInfo?.queueArn)}`,
      });
      break;
    case 'CONNECTED_TO_AGENT':
      add({
        kind: 'connected_to_counselor',
        at: iso(agent?.connectedToAgentTimestamp, event.time),
        actor: counselorActor(agent?.agentArn),
        from: 'received',
        to: 'in_progress',
        reason: video ? 'video call connected to a counselor' : 'connected to a counselor',
      });
      break;
    case 'DISCONNECTED': {
      const at = iso(d.disconnectTimestamp, event.time);
      const connectedAt = agent?.connectedToAgentTimestamp ? iso(agent.connectedToAgentTimestamp, event.time) : undefined;
      const durationSeconds = connectedAt === undefined ? undefined : Math.max(0, Math.round((Date.parse(at) - Date.parse(connectedAt)) / 1000));
      const because = d.disconnectReason ? ` (${d.disconnectReason})` : '';
      const what = video ? 'video call ended' : 'contact ended';
      add({
        kind: 'disconnected',
        at,
        actor: 'connect',
        to: durationSeconds === undefined ? 'received' : 'in_progress',
        reason:
          durationSeconds === undefined
            ? `${what} before reaching a counselor${because}`
            : video
              ? `${what} after ${spokenDuration(durationSeconds)} with a counselor${because}`
              : `${what} after counseling, ${spokenDuration(durationSeconds)} with a counselor${because}`,
        ...(durationSeconds === undefined ? {} : { durationSeconds }),
      });
      break;
    }
    default:
      break;
  }
  // Connect reports after-contact work on DISCONNECTED or on the later COMPLETED event.
  if (agent?.afterContactWorkStartTimestamp && (d.eventType === 'DISCONNECTED' || d.eventType === 'COMPLETED')) {
    const start = iso(agent.afterContactWorkStartTimestamp, event.time);
    const end = agent.afterContactWorkEndTimestamp ? iso(agent.afterContactWorkEndTimestamp, event.time) : undefined;
    entries.push({
      contactKey,
      eventId: `connect:${d.contactId}:after_contact_work:${start}`,
      kind: 'after_contact_work',
      at: end ?? start,
      actor: counselorActor(agent.agentArn),
      to: 'in_progress',
      reason: end
        ? `after-contact work finished${agent.afterContactWorkDuration !== undefined ? ` (${agent.afterContactWorkDuration} s)` : ''}`
        : 'after-contact work started',
    });
  }
  return entries;
}
