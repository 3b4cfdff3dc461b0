// WebRTC between the citizen's page and the counselor's page on the local gateway (no AWS): media
// peer to peer, SDP and ICE relayed by the gateway's /video signalling socket. Shared by
// web/chat/video.js and web/console/video-call.js. In AWS the call goes through Amazon Connect
// and the Amazon Chime SDK instead (video-chime.js).

/**
 * Sign language needs a steady, sharp picture more than sound: ask for 720p at 30 frames per
 * second (at least 15), and tell the encoder the content is motion, so under pressure it keeps
 * the frame rate rather than the detail of a still picture.
 */
export const VIDEO_CONSTRAINTS = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30, min: 15 },
};
/** Speech is secondary for signers: a narrow voice channel leaves the bandwidth to the picture. */
export const AUDIO_CONSTRAINTS = { echoCancellation: true, noiseSuppression: true, channelCount: 1 };
export const VIDEO_MAX_BITRATE = 1_500_000;
export const AUDIO_MAX_BITRATE = 24_000;

/** Camera and microphone; a missing or refused microphone still gives a camera-only stream. */
export async function openCamera(mediaDevices = navigator.mediaDevices) {
  let stream;
  let microphone = true;
  try {
    stream = await mediaDevices.getUserMedia({ video: VIDEO_CONSTRAINTS, audio: AUDIO_CONSTRAINTS });
  } catch (error) {
    if (error?.name === 'NotAllowedError' || error?.name === 'SecurityError') throw error;
    // The camera alone, when the failure was the microphone (none attached, or busy).
    stream = await mediaDevices.getUserMedia({ video: VIDEO_CONSTRAINTS, audio: false });
    microphone = false;
  }
  for (const track of stream.getVideoTracks()) if ('contentHint' in track) track.contentHint = 'motion';
  return { stream, microphone: microphone && stream.getAudioTracks().length > 0 };
}

/** Encoder preferences: keep the frame rate, give video the bandwidth and the priority. */
export async function preferSteadyVideo(pc) {
  for (const sender of pc.getSenders()) {
    const kind = sender.track?.kind;
    if (!kind) continue;
    const parameters = sender.getParameters();
    parameters.encodings = parameters.encodings?.length ? parameters.encodings : [{}];
    for (const encoding of parameters.encodings) {
      encoding.maxBitrate = kind === 'video' ? VIDEO_MAX_BITRATE : AUDIO_MAX_BITRATE;
      encoding.priority = kind === 'video' ? 'high' : 'low';
      encoding.networkPriority = kind === 'video' ? 'high' : 'low';
    }
    if (kind === 'video') parameters.degradationPreference = 'maintain-framerate';
    try {
      await sender.setParameters(parameters);
    } catch {
      // A browser that refuses a preference still calls: the constraints above already apply.
    }
  }
}

/**
 * One side of the call. `send(data)` relays a description or candidate to the other page; feed
 * what comes back to `receive(data)`. The citizen's page makes the offer once the counselor has
 * accepted; the counselor's page answers. No STUN or TURN: on one machine host candidates meet.
 */
export function createPeer({ stream, send, onRemoteStream, onConnectionState }) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const pending = [];
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  pc.addEventListener('icecandidate', (event) => {
    if (event.candidate) send({ candidate: event.candidate.toJSON() });
  });
  pc.addEventListener('track', (event) => onRemoteStream(event.streams[0] ?? new MediaStream([event.track])));
  pc.addEventListener('connectionstatechange', () => onConnectionState?.(pc.connectionState));

  const flushCandidates = async () => {
    while (pending.length > 0) await pc.addIceCandidate(pending.shift());
  };

  return {
    pc,
    async offer() {
      await preferSteadyVideo(pc);
      await pc.setLocalDescription(await pc.createOffer());
      send({ description: pc.localDescription.toJSON() });
    },
    async receive(data) {
      if (data.description) {
        await pc.setRemoteDescription(data.description);
        await flushCandidates();
        if (data.description.type === 'offer') {
          await preferSteadyVideo(pc);
          await pc.setLocalDescription(await pc.createAnswer());
          send({ description: pc.localDescription.toJSON() });
        }
      } else if (data.candidate) {
        if (pc.remoteDescription) await pc.addIceCandidate(data.candidate);
        else pending.push(data.candidate);
      }
    },
    close() {
      pc.close();
    },
  };
}

/** The signalling socket: JSON messages in and out; `protocols` name the side and carry the token. */
export function openSignalling(url, protocols, onMessage) {
  const socket = new WebSocket(url, protocols);
  const opened = new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('error', () => reject(new Error('signalling socket failed')), { once: true });
    socket.addEventListener('close', () => reject(new Error('signalling socket closed')), { once: true });
  });
  socket.addEventListener('message', (event) => {
    try {
      onMessage(JSON.parse(event.data));
    } catch {
      // not ours
    }
  });
  return { socket, opened, send: (message) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify(message)) };
}

export function signallingUrl(path) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}
