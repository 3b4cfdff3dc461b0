// One complaint: what the citizen wrote (original beside the Korean translation), attachments,
// replies with their delivery state, the history; and what a counselor does with it.
import { newReplyId } from './api.js';
import { $, announce, el, kst, renderStable, time } from './dom.js';
import { createHandlingForms } from './handling.js';
import { CHANNELS, CHARSET, DELIVERY, LANGUAGES, PETITION_TYPES, RECEIPTS, REPLY_LANGUAGES, REPLY_TRANSLATION, STATUSES, TRANSLATION_STATUS, UNDELIVERED, label } from './labels.js';

const short = (table, key) => label(table, key).split(' · ')[0];

function summaryView(detail, now) {
  const due = detail.extendedDueAt ?? detail.dueAt;
  const open = detail.status === 'received' || detail.status === 'in_progress';
  const overdue = open && due && Date.parse(due) < now;
  const row = (term, ...value) => [el('dt', {}, term), el('dd', {}, ...value)];
  return [
    el('p', { class: 'receipt-no' }, el('strong', {}, detail.receiptNo), ` · ${label(CHANNELS, detail.channel)} · ${label(STATUSES, detail.status)}`),
    el(
      'dl',
      { class: 'facts' },
      ...row('시민 · Citizen', detail.citizen, detail.citizenUnverifiable ? ' (회신 불가 · cannot be answered)' : ''),
      ...row('언어 · Language', label(LANGUAGES, detail.language)),
      // A call's status texts need the caller's consent on the call (docs/channels/notices.md).
      ...(detail.channel === 'voice' ? row('SMS 알림 · SMS notices', detail.smsNoticeConsent ? `동의 · agreed ${kst(detail.smsNoticeConsent.at)}` : '동의 없음 · not agreed') : []),
      ...row('접수 · Received', time(detail.createdAt)),
      ...row('민원 유형 · Petition type', detail.petitionType ? label(PETITION_TYPES, detail.petitionType) : '—'),
      ...row(
        '처리 기한 · Due',
        el('span', { class: overdue ? 'overdue' : undefined }, overdue ? '기한 초과 · overdue — ' : '', time(due)),
        detail.extendedDueAt ? el('span', { class: 'note' }, ` (연장 ${detail.deadlineExtension?.count ?? 1}회 · extended; 원래 · originally ${kst(detail.dueAt)})`) : '',
      ),
      ...row('분류 · Category', detail.category ?? '—'),
      ...row('담당 기관 · Agency', detail.agency ?? '—'),
      // The published answers the citizen read and said did not help, before writing (ADR 0029).
      ...(detail.selfServiceCaseIds?.length ? row('자가 해결 답변 · Self-service answer', detail.selfServiceCaseIds.join(', ')) : []),
    ),
  ];
}

function attachmentList(message) {
  const files = message.attachments.map((a) => el('li', {}, `첨부 · ${a.key.split('/').pop()} · ${a.contentType} · ${Math.ceil(a.sizeBytes / 1024)} KB`));
  const refused = message.refusedAttachments.map((a) => el('li', {}, `받지 않음 · refused ${a.contentType}: ${a.reason}`));
  return files.length + refused.length > 0 ? el('ul', { class: 'attachments', 'aria-label': '첨부 · Attachments' }, ...files, ...refused) : '';
}

/** Original on the left, Korean on the right: the counselor reads both at once. */
function messageView(message) {
  const korean = message.language === 'ko' ? '(원문과 같음 · same as the original)' : message.translation.text;
  return el(
    'article',
    { class: 'message', 'data-key': message.messageId, 'aria-label': `${kst(message.receivedAt)} ${short(LANGUAGES, message.language)}` },
    el('p', { class: 'meta' }, time(message.receivedAt), ' ', el('span', { class: 'badge' }, short(LANGUAGES, message.language)), el('span', { class: 'badge' }, label(TRANSLATION_STATUS, message.translation.status))),
    el(
      'div',
      { class: 'side-by-side' },
      el('div', {}, el('p', { class: 'column-title' }, '원문 · Original'), el('p', { lang: message.language === 'und' ? undefined : message.language, class: 'original' }, message.text || '—')),
      el('div', {}, el('p', { class: 'column-title' }, '한국어 · Korean'), el('p', { lang: 'ko', class: 'translation' }, korean || `(${label(TRANSLATION_STATUS, message.translation.status)})`)),
    ),
    message.redactedAt ? el('p', { class: 'note' }, `원문 삭제됨 · removed at the source ${kst(message.redactedAt)}`) : '',
    attachmentList(message),
  );
}

function historyView(event) {
  const details = [];
  if (event.assignment?.category) details.push(`분류 · category: ${event.assignment.previousCategory ?? '—'} → ${event.assignment.category}`);
  if (event.assignment?.agency) details.push(`기관 · agency: ${event.assignment.previousAgency ?? '—'} → ${event.assignment.agency}`);
  if (event.deadline?.kind === 'petition-type-changed') details.push(`유형 · type: ${short(PETITION_TYPES, event.deadline.previousPetitionType ?? '')} → ${short(PETITION_TYPES, event.deadline.petitionType)}`);
  if (event.deadline) details.push(`기한 · due: ${kst(event.deadline.previousDueAt)} → ${kst(event.deadline.extendedDueAt ?? event.deadline.dueAt)}`);
  const move = event.from === event.to ? short(STATUSES, event.to) : `${event.from ? short(STATUSES, event.from) : '—'} → ${short(STATUSES, event.to)}`;
  return el('li', { 'data-key': event.eventId }, time(event.at), ` · ${move} · ${event.actor} · ${event.reason}`, ...details.map((d) => el('span', { class: 'change' }, ` · ${d}`)));
}

export function createComplaintView({ api, knowledge, onChanged }) {
  let current = null;
  let detail = null;
  /** The id of a reply being sent: kept until the API answers, so a retried click never sends twice. */
  let pendingReply = null;
  const replyResult = $('#reply-result');
  const handling = createHandlingForms({ api, current: () => detail, changed: (message) => reload(message) });

  function describeReply(reply) {
    const how = reply.translation ? ` · ${label(REPLY_TRANSLATION, reply.translation)}` : '';
    return `답변 ${label(DELIVERY, reply.delivery)}${how}`;
  }

  async function postReply(body) {
    return api.post(`/api/complaints/${encodeURIComponent(current)}/replies`, body);
  }

  /** The same reply again (same id and text): a retry, or the counselor's decision on a held reply. */
  async function resend(reply, extra) {
    try {
      announce(replyResult, describeReply(await postReply({ text: reply.textKo, replyId: reply.replyId, ...(reply.writtenIn ? { language: reply.writtenIn } : {}), ...extra })));
    } catch (error) {
      announce(replyResult, `실패 · failed: ${error.message}`);
    }
    await reload();
  }

  function replyActions(reply) {
    if (reply.delivery === 'awaiting_translation') {
      return el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', 'data-action': 'send-korean', onclick: () => resend(reply, { sendUntranslated: true }) }, '한국어 그대로 보내기 · Send in Korean'),
        el('button', { type: 'button', 'data-action': 'retry-translation', onclick: () => resend(reply, {}) }, '번역 다시 시도 · Retry translation'),
      );
    }
    if (!UNDELIVERED.includes(reply.delivery)) return '';
    const noteId = `otherwise-${reply.replyId}`;
    const note = el('input', { id: noteId, type: 'text', maxlength: '500', 'data-action': 'otherwise-note' });
    const mark = async () => {
      if (!note.value.trim()) {
        announce(replyResult, '전달 방법을 적어 주세요 · say how the citizen was reached');
        note.focus();
        return;
      }
      try {
        const updated = await api.post(`/api/complaints/${encodeURIComponent(current)}/replies/${encodeURIComponent(reply.replyId)}/delivered-otherwise`, { note: note.value.trim() });
        announce(replyResult, describeReply(updated));
      } catch (error) {
        announce(replyResult, `실패 · failed: ${error.message}`);
      }
      await reload();
    };
    return el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', 'data-action': 'send-again', onclick: () => resend(reply, {}) }, '다시 보내기 · Send again'),
      el('label', { for: noteId }, '전달 방법 · How reached'),
      note,
      el('button', { type: 'button', 'data-action': 'delivered-otherwise', onclick: mark }, '다른 방법으로 전달함 · Delivered another way'),
    );
  }

  function replyView(reply) {
    return el(
      'article',
      { class: `message outbound delivery-${reply.delivery}`, 'data-key': reply.replyId, 'aria-label': `답변 · Reply ${kst(reply.createdAt)}` },
      el('p', { class: 'meta' }, time(reply.createdAt), ` · ${reply.counselor} `, el('span', { class: 'badge' }, label(DELIVERY, reply.delivery)), reply.translation ? el('span', { class: 'badge' }, label(REPLY_TRANSLATION, reply.translation)) : ''),
      el(
        'div',
        { class: 'side-by-side' },
        el('div', {}, el('p', { class: 'column-title' }, '작성 · Written'), el('p', { lang: reply.writtenIn ?? 'ko' }, reply.textKo)),
        el('div', {}, el('p', { class: 'column-title' }, '발송 · Sent'), el('p', { lang: reply.language }, reply.textSent || '—')),
      ),
      reply.charsetFallback ? el('p', { class: 'error' }, label(CHARSET, reply.charsetFallback)) : '',
      reply.lastError ? el('p', { class: 'error' }, reply.lastError) : '',
      ...(reply.receipts ?? []).map((receipt) =>
        el('p', { class: `receipt receipt-${receipt.status}` }, `전달 보고 · report: ${label(RECEIPTS, receipt.status)}${receipt.errorCode ? ` (${receipt.provider} ${receipt.errorCode})` : ''} · ${kst(receipt.at)}`),
      ),
      reply.deliveredOtherwise ? el('p', {}, `다른 방법으로 전달 · reached another way: ${reply.deliveredOtherwise.note} (${reply.deliveredOtherwise.counselor}, ${kst(reply.deliveredOtherwise.at)})`) : '',
      replyActions(reply),
    );
  }

  function replyLanguages(language) {
    const select = $('#reply-language');
    const options = ['ko', ...(REPLY_LANGUAGES.includes(language) ? [language] : [])];
    const signature = options.join(',');
    if (select.dataset.signature === signature) return;
    select.dataset.signature = signature;
    select.replaceChildren(
      el('option', { value: 'ko' }, '한국어 (시민의 언어로 번역) · Korean, translated'),
      ...options.slice(1).map((code) => el('option', { value: code }, `${label(LANGUAGES, code)} (그대로 발송) · sent as written`)),
    );
  }

  function draw() {
    const now = Date.now();
    $('#detail-body').hidden = false;
    renderStable($('#detail-summary'), JSON.stringify([detail.status, detail.petitionType, detail.dueAt, detail.extendedDueAt, detail.category, detail.agency, detail.selfServiceCaseIds, detail.updatedAt, detail.smsNoticeConsent?.at]), () => summaryView(detail, now));
    renderStable($('#messages'), JSON.stringify(detail.messages.map((m) => [m.messageId, m.translation.status, m.translation.text, m.redactedAt])), () => detail.messages.map(messageView));
    renderStable(
      $('#replies'),
      JSON.stringify(detail.replies),
      () => (detail.replies.length > 0 ? detail.replies.map(replyView) : [el('p', { class: 'note' }, '아직 답변이 없습니다. · No reply yet.')]),
    );
    renderStable($('#history'), JSON.stringify(detail.statusHistory.map((e) => e.eventId)), () => detail.statusHistory.map(historyView));
    replyLanguages(detail.language);
    handling.draw(detail);
  }

  async function reload(message) {
    if (!current) return;
    detail = await api.get(`/api/complaints/${encodeURIComponent(current)}`);
    draw();
    if (message) onChanged();
  }

  async function open(id, { focus = false } = {}) {
    try {
      detail = await api.get(`/api/complaints/${encodeURIComponent(id)}`);
    } catch (error) {
      $('#detail-summary').replaceChildren(el('p', { role: 'alert' }, `민원을 열 수 없습니다 · Could not open the complaint: ${error.message}`));
      $('#detail-body').hidden = true;
      return;
    }
    current = detail.complaintId;
    pendingReply = null;
    replyResult.textContent = '';
    $('#reply-text').value = '';
    for (const container of ['#detail-summary', '#messages', '#replies', '#history']) $(container).dataset.signature = '';
    draw();
    knowledge.show(detail);
    $('#detail-title').textContent = `상세 · Complaint ${detail.receiptNo}`;
    if (focus) $('#detail-title').focus();
  }

  $('#reply').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('#reply-text').value.trim();
    if (!text || !current) return;
    const language = $('#reply-language').value;
    // Same text, same id: a retry after a lost answer is recognised by the API, never sent twice.
    if (!pendingReply || pendingReply.text !== text || pendingReply.language !== language) pendingReply = { id: newReplyId(), text, language };
    try {
      const reply = await postReply({ text, replyId: pendingReply.id, ...(language !== 'ko' ? { language } : {}) });
      pendingReply = null;
      $('#reply-text').value = '';
      announce(replyResult, describeReply(reply));
      await reload('reply');
    } catch (error) {
      announce(replyResult, `실패 · failed: ${error.message}`);
    }
  });

  return {
    open,
    async refresh() {
      if (current) await reload();
    },
    clear() {
      current = null;
      detail = null;
      $('#detail-body').hidden = true;
    },
  };
}
