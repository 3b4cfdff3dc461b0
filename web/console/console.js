// Counselor console for the local gateway: lists complaints, shows one, replies and changes status
// through the same staff API the deployed gateway serves, signed in with a staff id token.
import { authConfig, claims, currentToken, signIn, signOut } from './sign-in.js';

const $ = (selector) => document.querySelector(selector);
let selected = null;
let selectedDetail = null;

const LANGUAGE_NAMES = { en: 'English', zh: '中文', ja: '日本語', vi: 'Tiếng Việt', mn: 'Монгол' };
// What the API says happened to a reply's language and delivery, in words a counselor reads.
const TRANSLATION_LABELS = {
  not_needed: '번역 불필요 · no translation needed',
  translated: '번역되어 발송 · machine-translated',
  written_in_language: '시민의 언어로 작성 · written in the citizen\'s language',
  korean_confirmed: '한국어로 발송 (상담사 확인) · sent in Korean (confirmed)',
  awaiting: '번역 대기 · held until a translation is available',
};
const DELIVERY_LABELS = {
  pending: '대기 · pending',
  awaiting_translation: '번역 대기 (미발송) · awaiting translation, not sent',
  queued: '발송 접수 (전달 보고 대기) · queued, awaiting the delivery report',
  sent: '발송됨 · sent',
  delivered: '수신 확인 · delivered',
  undelivered: '전달 실패 · undelivered',
  delivered_otherwise: '다른 방법으로 전달 · delivered another way',
  opted_out: '수신 거부 (STOP) · opted out of SMS',
  failed: '실패 · failed',
  undeliverable: '발송 불가 · undeliverable',
};
const CHARSET_LABELS = {
  folded: '수신 휴대폰 문자 제약으로 성조·특수 글자 없이 발송 · sent without diacritics (the handset cannot show them)',
  korean: '시민 언어를 휴대폰이 표시할 수 없어 한국어 원문으로 발송 · sent in Korean: the handset cannot show the citizen\'s language',
  stripped: '표시할 수 없는 글자 제외 후 발송 · characters the handset cannot show were removed',
};
const RECEIPT_LABELS = { queued: '대기 queued', sent: '통신사 전달 sent', delivered: '수신 delivered', undelivered: '미수신 undelivered', failed: '실패 failed' };

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
  const replies = detail.replies.map((reply) => replyView(reply));
  selectedDetail = detail;
  offerCitizenLanguage(detail.language);
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

function replyView(reply) {
  const node = el(
    'div',
    { class: `message outbound delivery-${reply.delivery}`, 'data-reply-id': reply.replyId },
    el('span', { class: 'badge' }, DELIVERY_LABELS[reply.delivery] ?? reply.delivery),
    reply.translation ? el('span', { class: 'badge' }, TRANSLATION_LABELS[reply.translation] ?? reply.translation) : '',
    el('p', { lang: reply.writtenIn ?? 'ko' }, reply.textKo),
    reply.textSent ? el('p', { lang: reply.language }, `→ ${reply.textSent}`) : '',
    reply.charsetFallback ? el('p', { class: 'error' }, `⚠ ${CHARSET_LABELS[reply.charsetFallback] ?? reply.charsetFallback}`) : '',
    reply.lastError ? el('p', { class: 'error' }, reply.lastError) : '',
    ...(reply.receipts ?? []).map((receipt) =>
      el('p', { class: `receipt receipt-${receipt.status}` }, `📨 ${RECEIPT_LABELS[receipt.status] ?? receipt.status}${receipt.errorCode ? ` (${receipt.provider} ${receipt.errorCode})` : ''} · ${receipt.at}`),
    ),
    reply.deliveredOtherwise ? el('p', {}, `☎ ${reply.deliveredOtherwise.note} (${reply.deliveredOtherwise.counselor}, ${reply.deliveredOtherwise.at})`) : '',
  );
  if (['undelivered', 'opted_out', 'failed', 'undeliverable'].includes(reply.delivery)) node.append(undeliveredActions(reply));
  if (reply.delivery === 'awaiting_translation') {
    const actions = el('div', { class: 'actions' });
    const confirm = el('button', { type: 'button' }, '한국어 그대로 보내기 · Send in Korean');
    confirm.addEventListener('click', () => resend(reply, { sendUntranslated: true }));
    const retry = el('button', { type: 'button' }, '번역 다시 시도 · Retry translation');
    retry.addEventListener('click', () => resend(reply, {}));
    actions.append(confirm, retry);
    node.append(actions);
  }
  return node;
}

/** An undelivered reply: send it again, or record how the citizen was reached instead. */
function undeliveredActions(reply) {
  const noteId = `otherwise-${reply.replyId}`;
  const retry = el('button', { type: 'button' }, '다시 보내기 · Send again');
  retry.addEventListener('click', () => resend(reply, {}));
  const note = el('input', { id: noteId, type: 'text', maxlength: '500' });
  const mark = el('button', { type: 'button' }, '다른 방법으로 전달함 · Delivered another way');
  mark.addEventListener('click', async () => {
    if (!note.value.trim()) {
      $('#reply-result').textContent = '전달 방법을 적어 주세요 · say how the citizen was reached';
      note.focus();
      return;
    }
    try {
      const updated = await api(`/api/complaints/${encodeURIComponent(selected)}/replies/${encodeURIComponent(reply.replyId)}/delivered-otherwise`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: note.value.trim() }),
      });
      $('#reply-result').textContent = describeReply(updated);
    } catch (error) {
      $('#reply-result').textContent = `실패 · failed: ${error.message}`;
    }
    await select(selected);
  });
  return el('div', { class: 'actions' }, retry, el('label', { for: noteId }, '전달 방법 · How reached'), note, mark);
}

/** The reply form offers the citizen's own language to counselors who write it. */
function offerCitizenLanguage(language) {
  const select = $('#reply-language');
  const known = LANGUAGE_NAMES[language];
  select.replaceChildren(
    el('option', { value: 'ko' }, '한국어 (시민의 언어로 번역) · Korean, translated'),
    ...(known ? [el('option', { value: language }, `${known} (그대로 발송) · sent as written`)] : []),
  );
}

function describeReply(reply) {
  const how = reply.translation ? ` · ${TRANSLATION_LABELS[reply.translation] ?? reply.translation}` : '';
  return `답변 ${DELIVERY_LABELS[reply.delivery] ?? reply.delivery}${how}`;
}

async function postReply(body) {
  return api(`/api/complaints/${encodeURIComponent(selected)}/replies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** The same reply again (same id and text): a retry, or the counselor's decision on a held reply. */
async function resend(reply, extra) {
  try {
    const body = { text: reply.textKo, replyId: reply.replyId, ...(reply.writtenIn ? { language: reply.writtenIn } : {}), ...extra };
    $('#reply-result').textContent = describeReply(await postReply(body));
  } catch (error) {
    $('#reply-result').textContent = `실패 · failed: ${error.message}`;
  }
  await select(selected);
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
  const language = $('#reply-language').value;
  try {
    const reply = await postReply({ text, replyId: replyId(), ...(language !== 'ko' ? { language } : {}) });
    $('#reply-result').textContent = describeReply(reply);
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
