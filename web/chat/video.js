// Sign-language video counselling, the citizen's side: pre-call check, the day's reservations,
// an on-demand call, the call itself and text beside it over the chat connection. Plain ES
// module. The media code is imported only when needed: the local peer-to-peer module at the
// check, the Amazon Chime SDK bundle only when an Amazon Connect call starts.
import { LANGUAGES, TEXT } from './i18n.js';
import { VIDEO_TEXT } from './video-i18n.js';

const STORE = { token: 'citizenChat.token', uiLanguage: 'citizenChat.uiLanguage' };
const CHAT_SUBPROTOCOL = 'citizen-chat';
const CITIZEN_PROTOCOL = 'video-citizen';
const CHIME_BUNDLE = './vendor/amazon-chime-sdk.js';

const $ = (id) => document.getElementById(id);
const stored = (key) => {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
};

let lang = (() => {
  const chosen = stored(STORE.uiLanguage);
  if (LANGUAGES.includes(chosen)) return chosen;
  const browser = (navigator.language || 'ko').slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : 'ko';
})();
let config = { apiBaseUrl: location.origin, webSocketUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/chat` };
const token = stored(STORE.token);
/** What a changed language must rewrite: the error, the call status, the check results. */
const shown = { error: null, status: null, cameraProblem: null, summary: null, checks: {} };
let camera = null;
let reservations = [];
let call = null;
let chat = null;

const t = (key, ...args) => {
  const value = VIDEO_TEXT[lang][key] ?? TEXT[lang][key] ?? VIDEO_TEXT.ko[key] ?? TEXT.ko[key] ?? key;
  return typeof value === 'function' ? value(...args) : value;
};

// ---- language and messages ----------------------------------------------------------------

function applyLanguage(next) {
  lang = next;
  sessionStorage.setItem(STORE.uiLanguage, JSON.stringify(lang));
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = t(element.dataset.text);
  for (const element of document.querySelectorAll('[data-label]')) element.setAttribute('aria-label', t(element.dataset.label));
  $('ui-language').value = lang;
  showError(shown.error);
  setStatus(shown.status);
  showCameraProblem(shown.cameraProblem);
  $('check-summary').textContent = shown.summary ? shown.summary() : '';
  for (const [item, state] of Object.entries(shown.checks)) setCheck(item, state);
  renderReservations();
  renderMessages();
}

/** Texts are kept as functions of the language, so switching the language rewrites them. */
function showError(describe) {
  shown.error = describe;
  $('error').textContent = describe ? describe() : '';
  $('error').hidden = !describe;
}

function setStatus(describe) {
  shown.status = describe;
  $('call-status').textContent = describe ? describe() : '';
}

function showCameraProblem(describe) {
  shown.cameraProblem = describe;
  $('camera-problem').hidden = !describe;
  $('camera-problem-text').textContent = describe ? describe() : '';
}

function setCheck(item, state) {
  shown.checks[item] = state;
  const element = $(`check-${item}`);
  element.textContent = t(state === 'ok' ? 'checkOk' : state === 'failed' ? 'checkFailed' : 'checkPending');
  element.className = state;
}

/** A refusal of the video-calls API, by its code, in the page's language. */
function refusalText(payload, status) {
  const code = payload?.code;
  if (code === 'too_early') return () => t('too_early', payload.details?.opensAt);
  if (['no_counselor_free', 'missed', 'ended', 'not_joinable', 'unknown_reservation', 'invalid_token'].includes(code)) return () => t(code);
  return () => t(status >= 500 ? 'serverError' : 'network');
}

class Refusal extends Error {
  constructor(describe, code) {
    super(code ?? 'refused');
    this.describe = describe;
    this.code = code;
  }
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(`${config.apiBaseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new Refusal(() => t('network'));
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refusal(refusalText(payload, response.status), payload?.code);
  return payload;
}

// ---- pre-call check -----------------------------------------------------------------------

async function runCheck() {
  const button = $('check');
  button.disabled = true;
  showError(null);
  showCameraProblem(null);
  shown.summary = null;
  for (const item of ['camera', 'microphone', 'connection']) setCheck(item, 'pending');
  try {
    const { openCamera } = await import('./video-peer.js');
    try {
      camera?.stream.getTracks().forEach((track) => track.stop());
      camera = await openCamera();
      setCheck('camera', 'ok');
      setCheck('microphone', camera.microphone ? 'ok' : 'failed');
      $('preview').srcObject = camera.stream;
      $('preview').hidden = false;
    } catch (error) {
      camera = null;
      setCheck('camera', 'failed');
      setCheck('microphone', 'pending');
      showCameraProblem(() => t(error?.name === 'NotAllowedError' || error?.name === 'SecurityError' ? 'cameraDenied' : 'cameraMissing'));
      $('text-instead').focus();
    }
    try {
      reservations = (await api('GET', '/video-calls/reservations')).items ?? [];
      setCheck('connection', 'ok');
      renderReservations();
    } catch (error) {
      setCheck('connection', 'failed');
      showError(error instanceof Refusal && error.code === 'invalid_token' ? error.describe : () => t('connectionFailed'));
    }
    if (camera && shown.checks.connection === 'ok') {
      shown.summary = () => `${t('readyToCall')}${camera.microphone ? '' : ` ${t('microphoneMissing')}`}`;
      $('check-summary').textContent = shown.summary();
      $('start-section').hidden = false;
    }
  } finally {
    button.disabled = false;
  }
}

// ---- reservations -------------------------------------------------------------------------

function renderReservations() {
  const list = $('reservations');
  if (reservations.length === 0) {
    const empty = document.createElement('li');
    empty.textContent = t('noReservations');
    list.replaceChildren(empty);
    return;
  }
  const wanted = new URLSearchParams(location.search).get('reservation');
  list.replaceChildren(
    ...reservations.map((reservation) => {
      const item = document.createElement('li');
      const time = reservation.slotId.split('T')[1] ?? '';
      const label = document.createElement('span');
      label.textContent = t('reservationAt', time, reservation.receiptNo);
      item.append(label);
      if (reservation.join === 'open') {
        const join = document.createElement('button');
        join.type = 'button';
        join.className = 'large';
        join.dataset.testid = 'join-reservation';
        join.textContent = t('joinReserved');
        join.setAttribute('aria-describedby', `reservation-${reservation.reservationId}`);
        label.id = `reservation-${reservation.reservationId}`;
        join.addEventListener('click', () => startCall(join, reservation.reservationId));
        item.append(join);
        if (reservation.reservationId === wanted) item.classList.add('wanted');
      } else {
        const note = document.createElement('span');
        note.className = 'hint';
        note.textContent = reservation.join === 'too_early' ? t('opensAt', reservation.opensAt) : t(reservation.join);
        item.append(note);
      }
      return item;
    }),
  );
}

// ---- the call -----------------------------------------------------------------------------

async function startCall(button, reservationId) {
  if (call) return;
  if (!camera) {
    showError(() => t('callNeedsCheck'));
    $('check').focus();
    return;
  }
  showError(null);
  button.disabled = true;
  // One id per attempt: a double click or a retry of this attempt starts one call.
  const requestId = crypto.randomUUID();
  try {
    const started = await api('POST', '/video-calls', { requestId, ...(reservationId ? { reservationId } : {}) });
    call = { ...started, ended: false, counselor: false, stop: () => undefined };
    enterCall(started);
    openChat();
    if (started.media.kind === 'local-webrtc') await joinPeerToPeer(started.media);
    else await joinAmazonConnect(started.media);
  } catch (error) {
    if (call) endCall('system');
    showError(error instanceof Refusal ? error.describe : () => t('serverError'));
  } finally {
    button.disabled = false;
  }
}

function enterCall() {
  $('check-section').hidden = true;
  $('start-section').hidden = true;
  $('call-section').hidden = false;
  $('hang-up').hidden = false;
  $('call-again').hidden = true;
  $('self-video').srcObject = camera.stream;
  setStatus(() => t('statusStarting'));
  $('call-heading').focus();
}

async function joinPeerToPeer(media) {
  const { createPeer, openSignalling, signallingUrl } = await import('./video-peer.js');
  let peer = null;
  const signalling = openSignalling(signallingUrl(media.signallingPath), [CITIZEN_PROTOCOL, token], (message) => {
    if (!call || call.ended) return;
    switch (message.type) {
      case 'waiting':
        setStatus(() => t('statusWaiting'));
        break;
      case 'counselor-joined':
        call.counselor = true;
        setStatus(() => t('statusConnected'));
        void peer.offer();
        break;
      case 'signal':
        void peer.receive(message.data);
        break;
      case 'ended':
        endCall(message.by === 'citizen' ? 'citizen' : message.by === 'counselor' ? 'counselor' : 'system');
        break;
      default:
        break;
    }
  });
  peer = createPeer({
    stream: camera.stream,
    send: (data) => signalling.send({ type: 'signal', callId: media.callId, data }),
    onRemoteStream: (stream) => {
      $('remote-video').srcObject = stream;
      $('remote-audio').srcObject = stream;
    },
  });
  call.stop = () => {
    peer.close();
    signalling.socket.close();
  };
  call.hangUp = () => signalling.send({ type: 'hangup', callId: media.callId });
  signalling.socket.addEventListener('close', () => {
    if (call && !call.ended) endCall('system');
  });
  await signalling.opened;
  signalling.send({ type: 'join', callId: media.callId, joinToken: media.joinToken });
}

async function joinAmazonConnect(media) {
  const [sdk, { joinChimeCall }] = await Promise.all([import(CHIME_BUNDLE), import('./video-chime.js')]);
  setStatus(() => t('statusWaiting'));
  const session = await joinChimeCall(sdk, media.connectionData, {
    stream: camera.stream,
    remoteVideo: $('remote-video'),
    localVideo: $('self-video'),
    audioElement: $('remote-audio'),
    onEvent: (event) => {
      if (!call || call.ended) return;
      if (event === 'counselor-joined') {
        call.counselor = true;
        setStatus(() => t('statusConnected'));
      } else if (event === 'ended') endCall('counselor');
    },
  });
  call.stop = () => session.stop();
  call.hangUp = () => undefined;
}

function endCall(by) {
  if (!call || call.ended) return;
  const reachedCounselor = call.counselor;
  call.ended = true;
  if (by === 'citizen') call.hangUp?.();
  call.stop();
  $('remote-video').srcObject = null;
  $('hang-up').hidden = true;
  $('call-again').hidden = false;
  const key = !reachedCounselor && by !== 'citizen' ? 'endedNoCounselor' : by === 'citizen' ? 'endedByYou' : by === 'counselor' ? 'endedByCounselor' : 'endedBySystem';
  setStatus(() => t(key));
  $('call-again').focus();
}

function onHangUp() {
  if (!call || call.ended) return;
  endCall('citizen');
}

function onCallAgain() {
  call = null;
  $('call-section').hidden = true;
  $('check-section').hidden = false;
  $('start-section').hidden = false;
  void runCheck();
  $('call-now').focus();
}

// ---- text beside the video, over the chat connection -------------------------------------

const messages = [];

function renderMessages() {
  const list = $('messages');
  list.replaceChildren(
    ...messages.map((entry) => {
      const item = document.createElement('li');
      item.className = entry.who;
      item.dataset.testid = entry.who === 'citizen' ? 'video-message-citizen' : 'video-message-counselor';
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = `${entry.who === 'citizen' ? t('you') : t('counselor')}: `;
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = entry.text;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = entry.receiptNo ? t('receipt', entry.receiptNo) : entry.who === 'citizen' ? t('sending') : '';
      item.append(who, text, meta);
      return item;
    }),
  );
  list.scrollTop = list.scrollHeight;
}

function openChat() {
  if (chat && chat.readyState <= WebSocket.OPEN) return;
  chat = new WebSocket(config.webSocketUrl, [CHAT_SUBPROTOCOL, token]);
  chat.addEventListener('open', () => {
    chat.send(JSON.stringify({ action: 'sync' }));
    for (const entry of messages) if (entry.who === 'citizen' && !entry.receiptNo) chat.send(JSON.stringify({ action: 'sendMessage', clientMessageId: entry.clientMessageId, text: entry.text }));
  });
  chat.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    if (frame.type === 'ack') {
      const entry = messages.find((e) => e.clientMessageId === frame.clientMessageId);
      if (entry) entry.receiptNo = frame.receiptNo;
    } else if (frame.type === 'reply' && !messages.some((e) => e.replyId === frame.replyId)) {
      messages.push({ who: 'counselor', replyId: frame.replyId, text: frame.text, receiptNo: frame.receiptNo });
    } else return;
    renderMessages();
  });
}

function onSendText(event) {
  event.preventDefault();
  const field = $('text-input');
  const text = field.value.trim();
  if (!text) return field.focus();
  const entry = { who: 'citizen', clientMessageId: crypto.randomUUID(), text };
  messages.push(entry);
  renderMessages();
  field.value = '';
  if (chat?.readyState === WebSocket.OPEN) chat.send(JSON.stringify({ action: 'sendMessage', clientMessageId: entry.clientMessageId, text }));
  else openChat();
  field.focus();
}

// ---- start --------------------------------------------------------------------------------

async function main() {
  $('ui-language').addEventListener('change', (event) => applyLanguage(event.target.value));
  $('check').addEventListener('click', runCheck);
  $('call-now').addEventListener('click', () => startCall($('call-now')));
  $('hang-up').addEventListener('click', onHangUp);
  $('call-again').addEventListener('click', onCallAgain);
  $('text-form').addEventListener('submit', onSendText);
  $('text-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('text-form').requestSubmit();
    }
  });
  window.addEventListener('pagehide', () => {
    if (call && !call.ended) endCall('citizen');
  });
  for (const item of ['camera', 'microphone', 'connection']) setCheck(item, 'pending');
  applyLanguage(lang);
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) config = { ...config, ...(await response.json()) };
  } catch {
    // same origin locally
  }
  if (!token) {
    $('signed-out').hidden = false;
    return;
  }
  $('check-section').hidden = false;
}

main();
