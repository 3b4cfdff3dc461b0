// Counselor console for the local gateway: lists complaints, shows one, replies and changes status
// through the same staff API the deployed gateway serves, signed in with a staff id token.
import { authConfig, claims, currentToken, signIn, signOut } from './sign-in.js';

const $ = (selector) => document.querySelector(selector);
let selected = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

class SignInNeeded extends Error {}

async function api(path, init = {}) {
  const token = currentToken();
  if (!token) throw new SignInNeeded('sign in');
  const response = await fetch(path, { ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    signOut();
    showSignIn('세션이 만료되었습니다. 다시 로그인하세요. · Your session ended; sign in again.');
    throw new SignInNeeded('sign in');
  }
  if (!response.ok) throw new Error(body.error ?? body.message ?? `HTTP ${response.status}`);
  return body;
}

function showSignIn(message = '') {
  $('#workspace').hidden = true;
  $('#signed-in').hidden = true;
  $('#sign-in-panel').hidden = false;
  $('#sign-in-result').textContent = message;
  $('#sign-in-user').focus();
}

function showWorkspace() {
  const payload = claims(currentToken());
  $('#who').textContent = `${payload?.email ?? payload?.['cognito:username'] ?? ''} (${(payload?.['cognito:groups'] ?? []).join(', ')})`;
  $('#sign-in-panel').hidden = true;
  $('#signed-in').hidden = false;
  $('#workspace').hidden = false;
}

async function refreshList() {
  const params = new URLSearchParams({ limit: '50' });
  const channel = $('#filter-channel').value;
  const status = $('#filter-status').value;
  if (channel) params.set('channel', channel);
  if (status) params.set('status', status);
  const { items } = await api(`/api/complaints?${params}`);
  const list = $('#complaints');
  list.replaceChildren(
    ...items.map((item) => {
      const button = el(
        'button',
        { type: 'button', 'data-id': item.complaintId, 'aria-current': String(item.complaintId === selected) },
        el('span', { class: 'badge' }, item.channel),
        el('span', { class: 'badge' }, item.language),
        el('span', { class: 'badge' }, item.status),
        el('strong', {}, item.receiptNo),
        ' ',
        item.citizen,
      );
      button.addEventListener('click', () => select(item.complaintId));
      return el('li', {}, button);
    }),
  );
  $('#queue-empty').hidden = items.length > 0;
}

async function select(id) {
  selected = id;
  const detail = await api(`/api/complaints/${encodeURIComponent(id)}`);
  const messages = detail.messages.map((message) =>
    el(
      'div',
      { class: 'message' },
      el('div', {}, el('span', { class: 'badge' }, message.language), el('span', { class: 'badge' }, `번역 ${message.translation.status}`), message.receivedAt),
      el('p', { lang: message.language === 'und' ? '' : message.language }, message.text),
      message.translation.text ? el('p', { class: 'translation', lang: 'ko' }, `→ ${message.translation.text}`) : '',
      ...message.attachments.map((a) => el('div', {}, `📎 ${a.key} (${a.contentType})`)),
      ...message.refusedAttachments.map((a) => el('div', {}, `⛔ ${a.contentType}: ${a.reason}`)),
    ),
  );
  const replies = detail.replies.map((reply) =>
    el('div', { class: 'message outbound' }, el('span', { class: 'badge' }, reply.delivery), el('p', { lang: 'ko' }, reply.textKo), el('p', {}, `→ ${reply.textSent}`)),
  );
  const history = el('ol', {}, ...detail.statusHistory.map((event) => el('li', {}, `${event.at} ${event.from ?? '—'} → ${event.to} (${event.actor}: ${event.reason})`)));
  $('#detail').replaceChildren(
    el('p', {}, el('strong', {}, detail.receiptNo), ` · ${detail.channel} · ${detail.citizen} · ${detail.language} · ${detail.status} · 기한 due ${detail.dueAt.slice(0, 10)}`),
    el('h3', {}, '메시지 · Messages'),
    ...messages,
    el('h3', {}, '답변 · Replies'),
    ...replies,
    el('h3', {}, '처리 이력 · Status history'),
    history,
  );
  $('#reply').hidden = false;
  await refreshList();
}

function replyId() {
  return `console-${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}`;
}

async function changeStatus(status, reason) {
  if (!selected) return;
  try {
    await api(`/api/complaints/${encodeURIComponent(selected)}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status, reason }),
    });
    $('#reply-result').textContent = `상태 변경됨 · status: ${status}`;
  } catch (error) {
    $('#reply-result').textContent = `실패 · failed: ${error.message}`;
  }
  await select(selected);
}

$('#reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('#reply-text').value.trim();
  if (!text || !selected) return;
  try {
    const reply = await api(`/api/complaints/${encodeURIComponent(selected)}/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, replyId: replyId() }),
    });
    $('#reply-result').textContent = `답변 ${reply.delivery} · reply ${reply.delivery}`;
    $('#reply-text').value = '';
  } catch (error) {
    $('#reply-result').textContent = `실패 · failed: ${error.message}`;
  }
  await select(selected);
});
$('#to-progress').addEventListener('click', () => changeStatus('in_progress', '상담 시작 (console)'));
$('#to-closed').addEventListener('click', () => changeStatus('closed', '종결 (console)'));
$('#filters').addEventListener('change', () => refreshList());

const config = await authConfig();
$('#local-users').replaceChildren(...(config.users ?? []).map((user) => el('option', { value: user.username }, user.role)));
let codeRequest = null;
$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (codeRequest) {
    codeRequest($('#sign-in-code').value.trim());
    codeRequest = null;
    return;
  }
  $('#sign-in-result').textContent = '';
  try {
    await signIn(config, $('#sign-in-user').value.trim(), $('#sign-in-password').value, () => {
      $('#mfa').hidden = false;
      $('#sign-in-code').focus();
      return new Promise((resolve) => {
        codeRequest = resolve;
      });
    });
    $('#sign-in-password').value = '';
    $('#mfa').hidden = true;
    showWorkspace();
    await refreshList();
    $('#complaints').querySelector('button')?.focus();
  } catch (error) {
    $('#sign-in-result').textContent = `로그인 실패 · Sign-in failed: ${error.message}`;
  }
});
$('#sign-out').addEventListener('click', () => {
  signOut();
  showSignIn();
});

if (currentToken()) {
  showWorkspace();
  await refreshList().catch(() => undefined);
} else {
  showSignIn();
}
setInterval(() => {
  if (currentToken()) refreshList().catch(() => undefined);
}, 3000);
