// Counselor side of the local sign-language video calls: the waiting calls of the sign-language
// queue, accept (the first counselor to accept owns the call), the call over WebRTC, the
// citizen's text of the call's complaint and replies. In AWS this is the Amazon Connect agent
// workspace with video. Signs in with the console's sign-in module.
import { authConfig, claims, currentToken, signIn, signOut } from './sign-in.js';
import { createPeer, openCamera, openSignalling, signallingUrl } from '/chat/video-peer.js';

const COUNSELOR_PROTOCOL = 'video-counselor';
const REFUSED = {
  taken: '다른 상담사가 이미 받았습니다. · Another counselor took this call.',
  ended: '시민이 통화를 끝냈습니다. · The citizen ended the call.',
  busy: '이미 통화 중입니다. · You are already in a call.',
  unknown_call: '없는 통화입니다. · No such call.',
  not_yours: '내 통화가 아닙니다. · Not your call.',
};

const $ = (id) => document.getElementById(id);
const waiting = new Map();
let desk = null;
let camera = null;
let call = null;

function showWorkspace() {
  const payload = claims(currentToken());
  $('who').textContent = payload?.email ?? payload?.['cognito:username'] ?? '';
  $('signed-in').hidden = false;
  $('sign-in-panel').hidden = true;
  $('workspace').hidden = false;
}

function showSignIn(message = '') {
  $('workspace').hidden = true;
  $('signed-in').hidden = true;
  $('sign-in-panel').hidden = false;
  $('sign-in-result').textContent = message;
  $('sign-in-user').focus();
}

function renderQueue() {
  const list = $('queue');
  list.replaceChildren(
    ...[...waiting.values()].map((offered) => {
      const item = document.createElement('li');
      item.dataset.callId = offered.callId;
      const label = document.createElement('span');
      label.id = `call-${offered.callId}`;
      const kind = offered.callKind === 'reserved' ? '예약 · reserved' : '바로 연결 · on demand';
      label.textContent = `${offered.receiptNo} · ${offered.language} · ${kind} · ${new Date(offered.createdAt).toLocaleTimeString('ko-KR', { timeZone: 'Asia/Seoul' })}`;
      const accept = document.createElement('button');
      accept.type = 'button';
      accept.textContent = '받기 · Accept';
      accept.dataset.testid = 'accept';
      accept.setAttribute('aria-describedby', label.id);
      accept.addEventListener('click', () => onAccept(offered.callId, accept));
      item.append(label, accept);
      return item;
    }),
  );
  $('queue-empty').hidden = waiting.size > 0;
}

async function onAccept(callId, button) {
  button.disabled = true;
  $('notice').textContent = '';
  try {
    camera ??= await openCamera();
  } catch (error) {
    $('notice').textContent = `카메라를 쓸 수 없습니다 · Camera unavailable: ${error?.name ?? error}`;
    button.disabled = false;
    return;
  }
  desk.send({ type: 'accept', callId });
}

function startCall(offered, citizenJoined) {
  waiting.delete(offered.callId);
  renderQueue();
  call = { callId: offered.callId, receiptNo: offered.receiptNo, complaintId: null, seen: 0, ended: false };
  call.peer = createPeer({
    stream: camera.stream,
    send: (data) => desk.send({ type: 'signal', callId: offered.callId, data }),
    onRemoteStream: (stream) => {
      $('remote-video').srcObject = stream;
      $('remote-audio').srcObject = stream;
    },
  });
  $('self-video').srcObject = camera.stream;
  $('call-receipt').textContent = offered.receiptNo;
  $('call-status').textContent = citizenJoined ? '시민과 연결하는 중 · Connecting to the citizen' : '시민을 기다리는 중 · Waiting for the citizen';
  $('call').hidden = false;
  $('texts').replaceChildren();
  $('call-title').focus();
  call.poll = setInterval(loadTexts, 2000);
  void loadTexts();
}

function endCall(text) {
  if (!call || call.ended) return;
  call.ended = true;
  clearInterval(call.poll);
  call.peer.close();
  $('remote-video').srcObject = null;
  $('call-status').textContent = text;
  $('hang-up').disabled = true;
}

/** The complaint of the call: the citizen's messages, then the replies; shown as they come. */
async function loadTexts() {
  if (!call) return;
  const response = await fetch(`/api/complaints/${encodeURIComponent(call.receiptNo)}`, { headers: { authorization: `Bearer ${currentToken()}` } }).catch(() => null);
  if (!response?.ok) return;
  const detail = await response.json();
  call.complaintId = detail.complaintId;
  const entries = [
    ...detail.messages.map((m) => ({ at: m.receivedAt, text: m.translation.text && m.translation.text !== m.text ? `${m.text} (${m.translation.text})` : m.text, outbound: false })),
    ...detail.replies.map((r) => ({ at: r.createdAt, text: r.textKo, outbound: true })),
  ].filter((entry) => entry.text).sort((a, b) => String(a.at).localeCompare(String(b.at)));
  $('texts').replaceChildren(
    ...entries.map((entry) => {
      const item = document.createElement('li');
      item.className = entry.outbound ? 'outbound' : 'inbound';
      item.dataset.testid = entry.outbound ? 'call-text-reply' : 'call-text-citizen';
      item.textContent = `${entry.outbound ? '상담사 · Counselor' : '시민 · Citizen'}: ${entry.text}`;
      return item;
    }),
  );
}

function connectDesk() {
  desk = openSignalling(signallingUrl('/video'), [COUNSELOR_PROTOCOL, currentToken()], (message) => {
    switch (message.type) {
      case 'queue':
        waiting.clear();
        for (const offered of message.calls) waiting.set(offered.callId, offered);
        renderQueue();
        break;
      case 'offered':
        waiting.set(message.call.callId, message.call);
        renderQueue();
        break;
      case 'taken':
        waiting.delete(message.callId);
        renderQueue();
        break;
      case 'accepted':
        startCall(message.call, message.citizenJoined);
        break;
      case 'citizen-joined':
        if (call?.callId === message.callId) $('call-status').textContent = '시민과 연결하는 중 · Connecting to the citizen';
        break;
      case 'signal':
        if (call?.callId === message.callId) void call.peer.receive(message.data);
        break;
      case 'ended':
        waiting.delete(message.callId);
        renderQueue();
        if (call?.callId === message.callId) endCall(message.by === 'counselor' ? '통화를 끝냈습니다 · You ended the call' : '시민이 통화를 끝냈습니다 · The citizen ended the call');
        break;
      case 'refused':
        $('notice').textContent = REFUSED[message.code] ?? message.code;
        for (const button of document.querySelectorAll('[data-testid=accept]')) button.disabled = false;
        break;
      default:
        break;
    }
  });
  desk.opened.then(
    () => ($('desk-status').textContent = '수어 상담 대기열에 연결됨 · Connected to the sign-language queue'),
    () => ($('desk-status').textContent = '대기열에 연결할 수 없습니다 · Cannot reach the queue'),
  );
  desk.socket.addEventListener('close', () => {
    $('desk-status').textContent = '대기열 연결이 끊겼습니다 · Disconnected from the queue';
  });
}

function observeConnection() {
  // WebRTC's own state, once the media flows.
  setInterval(() => {
    if (call && !call.ended && call.peer.pc.connectionState === 'connected') $('call-status').textContent = '시민과 연결됨 · Connected to the citizen';
  }, 1000);
}

$('hang-up').addEventListener('click', () => {
  if (!call || call.ended) return;
  desk.send({ type: 'hangup', callId: call.callId });
});

$('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('reply-text').value.trim();
  if (!text || !call?.complaintId) return;
  const response = await fetch(`/api/complaints/${call.complaintId}/replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${currentToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, replyId: `video-${crypto.randomUUID()}` }),
  });
  if (response.ok) {
    $('reply-text').value = '';
    void loadTexts();
  } else $('notice').textContent = `답장을 보내지 못했습니다 · Reply failed (${response.status})`;
});

$('sign-out').addEventListener('click', () => {
  signOut();
  desk?.socket.close();
  showSignIn();
});

$('sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await signIn(await authConfig(), $('sign-in-user').value.trim(), $('sign-in-password').value, async () => window.prompt('인증 코드 (OTP) · Authenticator code') ?? '');
    $('sign-in-password').value = '';
    showWorkspace();
    connectDesk();
  } catch (error) {
    $('sign-in-result').textContent = `로그인 실패 · Sign-in failed: ${error.message}`;
  }
});

observeConnection();
if (currentToken()) {
  showWorkspace();
  connectDesk();
} else showSignIn();
