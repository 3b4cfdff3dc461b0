import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import * as z from '../schemas/zod-mini.ts';
import type { StaffPrincipal } from '../functions/core/staff/roles.ts';
import { VIDEO_SIGNALLING_PATH, type CallPeer, type CounselorPeer, type LocalVideoCallHub, type Refusal } from './video-call-hub.ts';

/** The page names its side as the first WebSocket subprotocol and gives its token as the second (browsers cannot set headers). */
export const CITIZEN_PROTOCOL = 'video-citizen';
export const COUNSELOR_PROTOCOL = 'video-counselor';

const CALL_ID = z.string().check(z.minLength(1), z.maxLength(64));
/** An SDP description or an ICE candidate, passed through as the other page sent it. */
const SIGNAL_DATA = z.looseObject({});

const CitizenMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), callId: CALL_ID, joinToken: z.string().check(z.minLength(1), z.maxLength(128)) }),
  z.object({ type: z.literal('signal'), callId: CALL_ID, data: SIGNAL_DATA }),
  z.object({ type: z.literal('hangup'), callId: CALL_ID }),
]);
const CounselorMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('accept'), callId: CALL_ID }),
  z.object({ type: z.literal('signal'), callId: CALL_ID, data: SIGNAL_DATA }),
  z.object({ type: z.literal('hangup'), callId: CALL_ID }),
]);

export interface VideoSignallingOptions {
  hub: LocalVideoCallHub;
  /** The chat token's account, or null (the chat authorizer's check). */
  citizenFor(token: string): Promise<{ accountId: string } | null>;
  /** The staff principal of an id token allowed to answer video calls; null: not a valid token; 'forbidden': no video:answer. */
  counselorFor(token: string): Promise<StaffPrincipal | null | 'forbidden'>;
  /** The request guard of the HTTP front (Host, Origin), as for the chat socket. */
  admit?: (request: IncomingMessage) => { status: number; error: string } | null;
  /** Upgrade paths other listeners serve: any other path is answered 404 here. */
  siblingPaths?: readonly string[];
  onError?: (error: unknown) => void;
  onClientError?: (error: unknown) => void;
}

export interface VideoSignallingAttachment {
  connectionCount(): number;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, reason: string, message = reason): void {
  if (socket.destroyed) return;
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n\r\n${JSON.stringify({ message })}`);
  socket.destroy();
}

function textOf(data: RawData): string {
  return Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
}

function peerOf(ws: WebSocket): CallPeer {
  return {
    send: (message) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
  };
}

/**
 * The video calls' signalling WebSocket at /video on the local gateway's HTTP server: citizens
 * authenticate with their chat token, counselors with their staff id token (`video:answer`), both
 * behind the same request guard as the chat socket. Messages are JSON: a citizen joins the call it
 * started and exchanges SDP/ICE with the counselor who accepted it; a counselor sees the queue,
 * accepts, signals and hangs up only calls it owns (local/video-call-hub.ts decides). Closing a
 * page hangs up its call.
 */
export function attachVideoSignalling(server: Server, options: VideoSignallingOptions): VideoSignallingAttachment {
  const path = VIDEO_SIGNALLING_PATH;
  const siblings = new Set(options.siblingPaths ?? []);
  const onError = options.onError ?? (() => undefined);
  const onClientError = options.onClientError ?? (() => undefined);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024, handleProtocols: (protocols) => [...protocols][0] ?? false });
  wss.on('error', onError);
  const sockets = new Set<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = new URL(request.url ?? '/', 'http://local').pathname;
    if (pathname !== path) {
      if (!siblings.has(pathname)) reject(socket, 404, 'Not Found');
      return;
    }
    const refused = options.admit?.(request);
    if (refused) return reject(socket, refused.status, 'Forbidden', refused.error);
    const offered = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter(Boolean);
    const [side, token] = offered;
    if (side !== CITIZEN_PROTOCOL && side !== COUNSELOR_PROTOCOL) return reject(socket, 400, 'Bad Request', `name the side as the first subprotocol: ${CITIZEN_PROTOCOL} or ${COUNSELOR_PROTOCOL}`);
    if (!token) return reject(socket, 401, 'Unauthorized');
    const onSocketError = (error: unknown) => {
      onClientError(error);
      socket.destroy();
    };
    socket.on('error', onSocketError);
    void (async () => {
      const party = side === CITIZEN_PROTOCOL ? await options.citizenFor(token) : await options.counselorFor(token);
      if (party === null) return reject(socket, 403, 'Forbidden', 'the token is not valid');
      if (party === 'forbidden') return reject(socket, 403, 'Forbidden', 'your role may not answer video calls');
      if (socket.destroyed) return;
      wss.handleUpgrade(request, socket, head, (ws) => {
        socket.off('error', onSocketError);
        ws.on('error', onClientError);
        sockets.add(ws);
        if ('accountId' in party) serveCitizen(ws);
        else serveCounselor(ws, party);
      });
    })().catch((error: unknown) => {
      onError(error);
      reject(socket, 500, 'Internal Server Error');
    });
  };

  const refuse = (ws: WebSocket, callId: string | undefined, code: Refusal | 'bad_message') => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type: 'refused', ...(callId ? { callId } : {}), code }));
  };

  /** One page's socket: each valid message goes to the hub, a refusal goes back; closing the page leaves the call. */
  const serve = <T extends { callId: string }>(ws: WebSocket, schema: z.ZodMiniType<T>, dispatch: (message: T) => Refusal | null, left: () => void) => {
    ws.on('message', (data) => {
      const parsed = parse(schema, data);
      if (!parsed) return refuse(ws, undefined, 'bad_message');
      const outcome = dispatch(parsed);
      if (outcome) refuse(ws, parsed.callId, outcome);
    });
    ws.on('close', () => {
      sockets.delete(ws);
      left();
    });
  };

  const serveCitizen = (ws: WebSocket) => {
    const peer = peerOf(ws);
    const { hub } = options;
    serve(
      ws,
      CitizenMessageSchema,
      (m) => (m.type === 'join' ? hub.joinCitizen(peer, m.callId, m.joinToken) : m.type === 'signal' ? hub.signal(peer, m.callId, m.data) : hub.hangUp(peer, m.callId)),
      () => hub.citizenLeft(peer),
    );
  };

  const serveCounselor = (ws: WebSocket, principal: StaffPrincipal) => {
    const peer: CounselorPeer = { ...peerOf(ws), principal };
    const { hub } = options;
    hub.addCounselor(peer);
    serve(
      ws,
      CounselorMessageSchema,
      (m) => (m.type === 'accept' ? hub.accept(peer, m.callId) : m.type === 'signal' ? hub.signal(peer, m.callId, m.data) : hub.hangUp(peer, m.callId)),
      () => hub.removeCounselor(peer),
    );
  };

  server.on('upgrade', onUpgrade);
  return {
    connectionCount: () => sockets.size,
    close: async () => {
      server.off('upgrade', onUpgrade);
      const closed = [...sockets].map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
      for (const ws of sockets) ws.terminate();
      await Promise.all(closed);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function parse<T>(schema: z.ZodMiniType<T>, data: RawData): T | null {
  try {
    const result = z.safeParse(schema, JSON.parse(textOf(data)));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
