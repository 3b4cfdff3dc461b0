// Citizen chat page: apply, verify, chat over the WebSocket API. Plain ES module, no build step.
import { LANGUAGES, TEXT } from './i18n.js';
import { session } from './session.js';
import { rememberReceipt } from './device-receipts.js';

const STORE = {
  token: 'citizenChat.token',
  accountId: 'citizenChat.accountId',
  uiLanguage: 'citizenChat.uiLanguage',
  outbox: 'citizenChat.outbox',
  transcript: 'citizenChat.transcript',
  // Set by answers.js ("this did not help"): {text, selfService: {caseId, visitId}}.
  prefill: 'citizenChat.prefill',
};
const SUBPROTOCOL = 'citizen-chat';
const MAX_CHARS = 2000;
const MAX_BACKOFF_S = 30;

const $ = (id) => document.getElementById(id);

let lang = initialLanguage();
let config = { apiBaseUrl: location.origin, webSocketUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/chat` };
let pendingPhone = null;
let socket = null;
let attempt = 0;
let reconnectTimer = null;
let resendTimer = null;
let signedOut = false;
/** What the error box says, as a function of the language, so switching language rewrites it. */
let errorText = null;

function initialLanguage() {
  const stored = session.get(STORE.uiLanguage);
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.language || 'ko').slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : 'ko';
}

const t = (key, ...args) => {
  const value = TEXT[lang][key] ?? TEXT.ko[key];
  return typeof value === 'function' ? value(...args) : value;
};

// ---- language ---------------------------------------------------------------------------

function applyLanguage(next) {
  lang = next;
  session.set(STORE.uiLanguage, lang);
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('ui-language').value = lang;
  updateCount();
  renderTranscript();
  if (errorText) $('error').textContent = errorText();
  if (socket && socket.readyState === WebSocket.OPEN) setStatus(t('connected'));
}

// ---- errors and status ------------------------------------------------------------------

/** `message`: text, or a function of the language (kept, so a language switch rewrites it). */
function showError(message) {
  errorText = typeof message === 'function' ? message : null;
  const text = errorText ? errorText() : message;
  const box = $('error');
  box.textContent = text;
  box.hidden = !text;
}

/** A refusal the page words itself, in the chosen language. */
class Refusal extends Error {
  constructor(describe) {
    super('refused');
    this.describe = describe;
  }
}

/** The text for a typed refusal of the accounts API (`code`; older servers put it in details.code). */
function refusalText(status, payload, retryAfterHeader) {
  const details = payload?.details ?? {};
  const code = payload?.code ?? details.code;
  const seconds = details.retryAfterSeconds ?? Number(retryAfterHeader);
  switch (code) {
    case 'invalid_phone':
      return () => t('invalidPhone');
    case 'wrong_code':
      return Number.isInteger(details.attemptsLeft) ? () => t('wrongCode', details.attemptsLeft) : () => t('invalidRequest');
    case 'too_many_attempts':
      return () => t('tooManyAttempts');
    case 'code_expired':
      return () => t('codeExpired');
    case 'no_code':
      return () => t('noCode');
    case 'daily_limit':
      return () => t('dailyLimit');
    case 'unknown_token':
      return () => t('tokenRevoked');
    case 'invalid_request': {
      const fields = Array.isArray(details) ? details.map((d) => d.path) : [];
      if (fields.includes('phone')) return () => t('invalidPhone');
      if (fields.includes('code')) return () => t('codeFormat');
      if (fields.includes('name')) return () => t('required');
      return () => t('invalidRequest');
    }
    default:
      if (status === 429 && Number.isFinite(seconds)) return () => t('rateLimited', seconds);
      return () => t(status >= 500 ? 'serverError' : 'invalidRequest');
  }
}

/** The text for an error frame of the chat socket, by its code. */
function frameErrorText(code) {
  switch (code) {
    case 'too_long':
      return t('tooLong', MAX_CHARS);
    case 'empty_text':
      return t('emptyText');
    case 'internal':
      return t('serverError');
    default:
      return t('frameRefused');
  }
}

function setStatus(message) {
  $('connection-status').textContent = message;
}

function show(section) {
  for (const id of ['apply-section', 'verify-section', 'chat-section']) $(id).hidden = id !== section;
}

// ---- accounts API -----------------------------------------------------------------------

async function api(path, body) {
  let response;
  try {
    response = await fetch(`${config.apiBaseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Refusal(() => t('network'));
  }
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) throw new Refusal(refusalText(response.status, payload, response.headers.get('retry-after')));
  return payload;
}

async function onApply(event) {
  event.preventDefault();
  showError('');
  const name = $('apply-name').value.trim();
  const phone = $('apply-phone').value.trim();
  if (!name || !phone) {
    showError(() => t('required'));
    (name ? $('apply-phone') : $('apply-name')).focus();
    return;
  }
  await withBusy($('apply-submit'), async () => {
    const result = await api('/chat/accounts', { name, phone, language: $('apply-language').value });
    pendingPhone = phone;
    $('verify-intro').textContent = t('codeSent', result.phone);
    show('verify-section');
    $('verify-code').focus();
  });
}

async function onResend() {
  showError('');
  await withBusy($('verify-resend'), async () => {
    const result = await api('/chat/accounts', { name: $('apply-name').value.trim(), phone: pendingPhone, language: $('apply-language').value });
    $('verify-intro').textContent = t('codeSent', result.phone);
    $('verify-code').focus();
  });
}

async function onVerify(event) {
  event.preventDefault();
  showError('');
  const code = $('verify-code').value.trim();
  if (!/^\d{6}$/.test(code)) {
    showError(() => t('codeFormat'));
    $('verify-code').focus();
    return;
  }
  await withBusy($('verify-submit'), async () => {
    const result = await api('/chat/accounts/verify', { phone: pendingPhone, code });
    pendingPhone = null;
    session.set(STORE.token, result.token);
    session.set(STORE.accountId, result.accountId);
    startChat();
  });
}

async function withBusy(button, work) {
  button.disabled = true;
  try {
    await work();
  } catch (error) {
    showError(error instanceof Refusal ? error.describe : () => t('serverError'));
  } finally {
    button.disabled = false;
  }
}

// ---- transcript -------------------------------------------------------------------------

const transcript = () => session.get(STORE.transcript, []);
const outbox = () => session.get(STORE.outbox, []);

function saveTranscript(entries) {
  session.set(STORE.transcript, entries.slice(-200));
}

function renderEntry(entry) {
  const item = document.createElement('li');
  item.className = entry.who;
  item.dataset.testid = entry.who === 'citizen' ? 'message-citizen' : 'message-counselor';
  if (entry.clientMessageId) item.dataset.clientMessageId = entry.clientMessageId;
  if (entry.replyId) item.dataset.replyId = entry.replyId;
  const who = document.createElement('span');
  who.className = 'who';
  who.textContent = `${entry.who === 'citizen' ? t('you') : t('counselor')}: `;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = entry.text;
  const meta = document.createElement('span');
  meta.className = 'meta';
  meta.dataset.testid = 'message-meta';
  meta.textContent = metaText(entry);
  item.append(who, text, meta);
  return item;
}

function metaText(entry) {
  if (entry.who === 'counselor') return entry.receiptNo ? t('receipt', entry.receiptNo) : '';
  if (entry.state === 'failed') return `${t('failed')}: ${frameErrorText(entry.errorCode)}`;
  if (entry.receiptNo) return t('receipt', entry.receiptNo);
  return t('sending');
}

function renderTranscript() {
  const list = $('messages');
  list.replaceChildren(...transcript().map(renderEntry));
  list.scrollTop = list.scrollHeight;
}

function append(entry) {
  const entries = transcript();
  entries.push(entry);
  saveTranscript(entries);
  const list = $('messages');
  list.append(renderEntry(entry));
  list.scrollTop = list.scrollHeight;
}

function updateEntry(clientMessageId, patch) {
  const entries = transcript();
  const entry = entries.find((e) => e.clientMessageId === clientMessageId);
  if (!entry) return;
  Object.assign(entry, patch);
  saveTranscript(entries);
  const item = $('messages').querySelector(`[data-client-message-id="${CSS.escape(clientMessageId)}"] .meta`);
  if (item) item.textContent = metaText(entry);
}

// ---- chat socket ------------------------------------------------------------------------

function startChat() {
  signedOut = false;
  show('chat-section');
  renderTranscript();
  const prefill = session.get(STORE.prefill);
  if (prefill?.text && !$('message-text').value) {
    $('message-text').value = prefill.text;
    updateCount();
  }
  connect();
  $('message-text').focus();
}

function connect() {
  clearTimeout(reconnectTimer);
  const token = session.get(STORE.token);
  if (!token || signedOut) return;
  setStatus(t('connecting'));
  const ws = new WebSocket(config.webSocketUrl, [SUBPROTOCOL, token]);
  socket = ws;
  ws.addEventListener('open', () => {
    attempt = 0;
    setStatus(t('connected'));
    // Replies that arrived while we were away, then whatever was never acknowledged.
    ws.send(JSON.stringify({ action: 'sync' }));
    flushOutbox();
  });
  ws.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch {
      return;
    }
    onFrame(frame);
  });
  ws.addEventListener('close', () => {
    if (socket === ws) socket = null;
    if (!signedOut) scheduleReconnect();
  });
}

function scheduleReconnect() {
  clearTimeout(reconnectTimer);
  // Exponential backoff with jitter, so a city-wide network blip does not reconnect everyone at once.
  const base = Math.min(MAX_BACKOFF_S, 2 ** attempt);
  const seconds = Math.max(1, Math.round(base / 2 + Math.random() * (base / 2)));
  attempt += 1;
  setStatus(t('reconnecting', seconds));
  reconnectTimer = setTimeout(connect, seconds * 1000);
}

function flushOutbox() {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  // Same clientMessageId on every resend: the gateway stores each message once.
  for (const entry of outbox()) {
    socket.send(JSON.stringify({ action: 'sendMessage', clientMessageId: entry.clientMessageId, text: entry.text, ...(entry.selfService ? { selfService: entry.selfService } : {}) }));
  }
}

function dropFromOutbox(clientMessageId) {
  session.set(
    STORE.outbox,
    outbox().filter((e) => e.clientMessageId !== clientMessageId),
  );
}

function onFrame(frame) {
  switch (frame.type) {
    case 'ack':
      dropFromOutbox(frame.clientMessageId);
      updateEntry(frame.clientMessageId, { receiptNo: frame.receiptNo, state: 'sent' });
      rememberReceipt(frame.receiptNo);
      $('announcer').textContent = t('receipt', frame.receiptNo);
      break;
    case 'reply':
      if (transcript().some((e) => e.replyId === frame.replyId)) return;
      append({ who: 'counselor', replyId: frame.replyId, text: frame.text, receiptNo: frame.receiptNo, at: frame.at });
      rememberReceipt(frame.receiptNo);
      break;
    case 'error':
      if (frame.code === 'token_revoked') {
        endSession(() => t('tokenRevoked'));
        return;
      }
      if (!frame.clientMessageId) {
        showError(() => frameErrorText(frame.code));
        return;
      }
      if (frame.code === 'rate_limited' || frame.code === 'internal') {
        clearTimeout(resendTimer);
        resendTimer = setTimeout(flushOutbox, Math.max(1000, frame.retryAfterMs ?? 3000));
        return;
      }
      dropFromOutbox(frame.clientMessageId);
      updateEntry(frame.clientMessageId, { state: 'failed', errorCode: frame.code });
      break;
    default:
      break;
  }
}

function onSend(event) {
  event.preventDefault();
  showError('');
  const field = $('message-text');
  const text = field.value;
  if (!text.trim()) {
    field.focus();
    return;
  }
  const clientMessageId = crypto.randomUUID();
  // The first message after "this did not help" carries the answer's case to the counselor.
  const selfService = session.get(STORE.prefill)?.selfService;
  session.remove(STORE.prefill);
  append({ who: 'citizen', clientMessageId, text, state: 'sending' });
  session.set(STORE.outbox, [...outbox(), { clientMessageId, text, ...(selfService ? { selfService } : {}) }]);
  field.value = '';
  updateCount();
  flushOutbox();
  field.focus();
}

function updateCount() {
  const left = MAX_CHARS - [...$('message-text').value].length;
  $('message-count').textContent = t('charsLeft', left);
}

/** Forgets the session and goes back to the application form (no reconnect with a dead token). */
function endSession(reason) {
  signedOut = true;
  clearTimeout(reconnectTimer);
  socket?.close();
  for (const key of [STORE.token, STORE.accountId, STORE.outbox, STORE.transcript]) session.remove(key);
  show('apply-section');
  showError(reason);
  $('apply-name').focus();
}

async function onSignOut() {
  const token = session.get(STORE.token);
  endSession('');
  if (token) await api('/chat/tokens/revoke', { token }).catch(() => undefined);
}

// ---- start ------------------------------------------------------------------------------

async function loadConfig() {
  // Deployed: config.json names the API and WebSocket URLs. Locally the gateway serves both on this origin.
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) config = { ...config, ...(await response.json()) };
  } catch {
    // defaults
  }
}

function addAnnouncer() {
  const announcer = document.createElement('p');
  announcer.id = 'announcer';
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  document.body.append(announcer);
}

async function main() {
  addAnnouncer();
  $('ui-language').addEventListener('change', (event) => applyLanguage(event.target.value));
  $('apply-language').value = lang;
  $('apply-form').addEventListener('submit', onApply);
  $('verify-form').addEventListener('submit', onVerify);
  $('verify-resend').addEventListener('click', onResend);
  $('send-form').addEventListener('submit', onSend);
  $('message-text').addEventListener('input', updateCount);
  $('message-text').addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line (IME composition is left alone).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('send-form').requestSubmit();
    }
  });
  $('sign-out').addEventListener('click', onSignOut);
  window.addEventListener('online', () => {
    if (!socket && session.get(STORE.token) && !signedOut) {
      attempt = 0;
      connect();
    }
  });
  applyLanguage(lang);
  await loadConfig();
  if (session.get(STORE.token)) startChat();
  else show('apply-section');
}

main();
