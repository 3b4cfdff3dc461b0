import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import type { StaffPrincipal } from '../functions/core/staff/roles.ts';
import type { VideoContactAttributes, VideoContactRequest, VideoContactStart } from '../functions/core/video/model.ts';
import type { VideoContacts } from '../functions/core/video/ports.ts';

/** Where the pages signal their calls (local/video-signalling.ts). */
export const VIDEO_SIGNALLING_PATH = '/video';
const LOCAL_INSTANCE_ARN = 'arn:aws:connect:ap-northeast-2:000000000000:instance/local-gateway';
const SIGN_QUEUE_ARN = `${LOCAL_INSTANCE_ARN}/queue/sign`;
/** A call whose citizen never opens the signalling socket is ended, as Connect ends a contact nobody joins. */
const CITIZEN_JOIN_TIMEOUT_MS = 60_000;

export type CallState = 'waiting' | 'connected' | 'ended';
export type EndedBy = 'citizen' | 'counselor' | 'system';

/** One end of a call's signalling: the socket of a citizen page or of a counselor page. */
export interface CallPeer {
  send(message: Record<string, unknown>): void;
}

export interface CounselorPeer extends CallPeer {
  principal: StaffPrincipal;
}

interface LocalCall {
  callId: string;
  clientToken: string;
  joinToken: string;
  attributes: VideoContactAttributes;
  state: CallState;
  createdAt: string;
  connectedAt?: string;
  citizen?: CallPeer;
  counselor?: CounselorPeer;
  joinTimer?: NodeJS.Timeout;
}

/** What counselors see of a waiting call: its contact attributes, no personal data. */
export interface OfferedCall extends VideoContactAttributes {
  callId: string;
  state: CallState;
  createdAt: string;
}

export type Refusal = 'unknown_call' | 'taken' | 'ended' | 'busy' | 'not_yours' | 'wrong_join_token';

/**
 * The local stand-in for Amazon Connect's video contacts: StartWebRTCContact puts a call on the
 * sign-language queue, which offers it to every signed-in counselor allowed to answer video
 * (`video:answer`); the first to accept owns it and another is refused. Signalling messages pass
 * only between a call's citizen and its owner. Each step emits the Amazon Connect contact event
 * Connect would (INITIATED, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, initiationMethod
 * WEBRTC_API), delivered to the same contact-event use case as in AWS, retried like EventBridge.
 */
export class LocalVideoCallHub implements VideoContacts {
  readonly #calls = new Map<string, LocalCall>();
  readonly #byClientToken = new Map<string, string>();
  readonly #counselors = new Set<CounselorPeer>();
  readonly #deliveries = new Set<Promise<void>>();
  /** Per call, the last event delivery: the next waits for it, so events arrive in order. */
  readonly #chains = new Map<string, Promise<void>>();
  #closed = false;

  constructor(
    private readonly options: {
      clock: Clock;
      log: Log;
      /** The contact-events handler; a rejection is retried with backoff, as EventBridge retries its target. */
      onContactEvent?: (event: Record<string, unknown>) => Promise<unknown>;
      citizenJoinTimeoutMs?: number;
    },
  ) {}

  /** StartWebRTCContact: idempotent on the ClientToken; an on-demand call needs a free counselor. */
  async start(request: VideoContactRequest): Promise<VideoContactStart> {
    const existing = this.#byClientToken.get(request.clientToken);
    const known = existing ? this.#calls.get(existing) : undefined;
    if (known) return this.#started(known);
    if (request.attributes.callKind === 'on-demand' && this.freeCounselors() === 0) return { started: false, reason: 'no_counselor_free' };
    const call: LocalCall = {
      callId: randomUUID(),
      clientToken: request.clientToken,
      joinToken: randomBytes(24).toString('base64url'),
      attributes: request.attributes,
      state: 'waiting',
      createdAt: this.#now(),
    };
    this.#calls.set(call.callId, call);
    this.#byClientToken.set(request.clientToken, call.callId);
    call.joinTimer = setTimeout(() => {
      if (!call.citizen) this.end(call.callId, 'system', 'CUSTOMER_NEVER_JOINED');
    }, this.options.citizenJoinTimeoutMs ?? CITIZEN_JOIN_TIMEOUT_MS).unref();
    this.#emit(call, 'INITIATED', call.createdAt);
    this.#emit(call, 'QUEUED', call.createdAt, { queueInfo: { queueArn: SIGN_QUEUE_ARN, queueType: 'STANDARD', enqueueTimestamp: call.createdAt } });
    for (const counselor of this.#counselors) counselor.send({ type: 'offered', call: this.#offer(call) });
    this.options.log.info('local video call queued', { callId: call.callId, callKind: call.attributes.callKind });
    return this.#started(call);
  }

  /** Signed-in counselors with no call of their own. */
  freeCounselors(): number {
    return [...this.#counselors].filter((counselor) => !this.#ownedBy(counselor)).length;
  }

  addCounselor(counselor: CounselorPeer): void {
    this.#counselors.add(counselor);
    counselor.send({ type: 'queue', calls: [...this.#calls.values()].filter((call) => call.state === 'waiting' && !call.counselor).map((call) => this.#offer(call)) });
  }

  /** A counselor's page closed: the call they hold ends with them. */
  removeCounselor(counselor: CounselorPeer): void {
    this.#counselors.delete(counselor);
    const call = this.#ownedBy(counselor);
    if (call) this.end(call.callId, 'counselor', 'AGENT_DISCONNECT');
  }

  accept(counselor: CounselorPeer, callId: string): Refusal | null {
    const call = this.#calls.get(callId);
    if (!call) return 'unknown_call';
    if (call.state === 'ended') return 'ended';
    if (call.counselor) return call.counselor === counselor ? null : 'taken';
    if (this.#ownedBy(counselor)) return 'busy';
    call.counselor = counselor;
    call.state = 'connected';
    call.connectedAt = this.#now();
    this.#emit(call, 'CONNECTED_TO_AGENT', call.connectedAt, { queueInfo: { queueArn: SIGN_QUEUE_ARN, enqueueTimestamp: call.createdAt }, agentInfo: this.#agentInfo(call) });
    counselor.send({ type: 'accepted', call: this.#offer(call), citizenJoined: Boolean(call.citizen) });
    for (const other of this.#counselors) if (other !== counselor) other.send({ type: 'taken', callId });
    call.citizen?.send({ type: 'counselor-joined', callId });
    this.options.log.info('local video call answered', { callId, counselor: counselor.principal.subject });
    return null;
  }

  /** The citizen's page joins the call it started, with the join token the start route gave it. */
  joinCitizen(citizen: CallPeer, callId: string, joinToken: string): Refusal | null {
    const call = this.#calls.get(callId);
    if (!call) return 'unknown_call';
    if (call.joinToken !== joinToken) return 'wrong_join_token';
    if (call.state === 'ended') return 'ended';
    call.citizen = citizen;
    clearTimeout(call.joinTimer);
    citizen.send({ type: call.counselor ? 'counselor-joined' : 'waiting', callId });
    call.counselor?.send({ type: 'citizen-joined', callId });
    return null;
  }

  /** Passes an SDP description or ICE candidate to the other end, only between a call's own parties. */
  signal(from: CallPeer, callId: string, data: unknown): Refusal | null {
    const call = this.#calls.get(callId);
    if (!call) return 'unknown_call';
    if (call.state === 'ended') return 'ended';
    if (from === call.citizen) call.counselor?.send({ type: 'signal', callId, data });
    else if (from === call.counselor) call.citizen?.send({ type: 'signal', callId, data });
    else return 'not_yours';
    return null;
  }

  /** Hang-up by either party (or the hub): both pages are told, and the contact is disconnected. */
  hangUp(from: CallPeer, callId: string): Refusal | null {
    const call = this.#calls.get(callId);
    if (!call) return 'unknown_call';
    if (from !== call.citizen && from !== call.counselor) return 'not_yours';
    this.end(callId, from === call.citizen ? 'citizen' : 'counselor', from === call.citizen ? 'CUSTOMER_DISCONNECT' : 'AGENT_DISCONNECT');
    return null;
  }

  /** The citizen's page closed or dropped. */
  citizenLeft(citizen: CallPeer): void {
    for (const call of this.#calls.values()) if (call.citizen === citizen && call.state !== 'ended') this.end(call.callId, 'citizen', 'CUSTOMER_DISCONNECT');
  }

  end(callId: string, by: EndedBy, reason: string): void {
    const call = this.#calls.get(callId);
    if (!call || call.state === 'ended') return;
    call.state = 'ended';
    clearTimeout(call.joinTimer);
    const at = this.#now();
    this.#emit(call, 'DISCONNECTED', at, {
      disconnectTimestamp: at,
      disconnectReason: reason,
      queueInfo: { queueArn: SIGN_QUEUE_ARN, enqueueTimestamp: call.createdAt },
      ...(call.connectedAt ? { agentInfo: this.#agentInfo(call) } : {}),
    });
    const message = { type: 'ended', callId, by };
    call.citizen?.send(message);
    if (call.counselor) call.counselor.send(message);
    else for (const counselor of this.#counselors) counselor.send(message);
    this.options.log.info('local video call ended', { callId, by });
  }

  /** Calls and who holds them, for tests and the health of the local gateway. */
  calls(): Array<OfferedCall & { counselor?: string; citizenJoined: boolean }> {
    return [...this.#calls.values()].map((call) => ({ ...this.#offer(call), ...(call.counselor ? { counselor: call.counselor.principal.subject } : {}), citizenJoined: Boolean(call.citizen) }));
  }

  /** Ends every call and waits for their events to be delivered (or given up). */
  async close(): Promise<void> {
    for (const call of this.#calls.values()) this.end(call.callId, 'system', 'API');
    this.#closed = true;
    await Promise.allSettled([...this.#deliveries]);
  }

  #started(call: LocalCall): VideoContactStart {
    return { started: true, contactId: call.callId, media: { kind: 'local-webrtc', callId: call.callId, joinToken: call.joinToken, signallingPath: VIDEO_SIGNALLING_PATH } };
  }

  #ownedBy(counselor: CounselorPeer): LocalCall | undefined {
    return [...this.#calls.values()].find((call) => call.counselor === counselor && call.state !== 'ended');
  }

  #offer(call: LocalCall): OfferedCall {
    return { callId: call.callId, state: call.state, createdAt: call.createdAt, ...call.attributes };
  }

  #agentInfo(call: LocalCall): Record<string, string> {
    return { agentArn: `${LOCAL_INSTANCE_ARN}/agent/${call.counselor?.principal.subject ?? 'unknown'}`, ...(call.connectedAt ? { connectedToAgentTimestamp: call.connectedAt } : {}) };
  }

  #now(): string {
    return this.options.clock.now().toISOString();
  }

  /** Connect's contact event for the call, delivered in order per call with EventBridge-like retries. */
  #emit(call: LocalCall, eventType: string, at: string, detail: Record<string, unknown> = {}): void {
    const deliver = this.options.onContactEvent;
    if (!deliver) return;
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Amazon Connect Contact Event',
      source: 'aws.connect',
      account: '000000000000',
      time: at,
      region: 'ap-northeast-2',
      resources: [LOCAL_INSTANCE_ARN],
      detail: { eventType, contactId: call.callId, initialContactId: call.callId, channel: 'VOICE', instanceArn: LOCAL_INSTANCE_ARN, initiationMethod: 'WEBRTC_API', initiationTimestamp: call.createdAt, ...detail },
    };
    const previous = this.#chains.get(call.callId) ?? Promise.resolve();
    const next = previous.then(() => this.#deliverWithRetries(deliver, event));
    this.#chains.set(call.callId, next);
    this.#deliveries.add(next);
    void next.finally(() => this.#deliveries.delete(next));
  }

  async #deliverWithRetries(deliver: (event: Record<string, unknown>) => Promise<unknown>, event: Record<string, unknown>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await deliver(event);
        return;
      } catch (error) {
        if (this.#closed || attempt >= 12) {
          this.options.log.warn('local contact event dropped after retries', { eventType: (event.detail as { eventType: string }).eventType, errorName: error instanceof Error ? error.name : 'unknown' });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)).unref());
      }
    }
  }
}
