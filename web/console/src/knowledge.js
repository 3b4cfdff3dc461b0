// Beside the complaint: the cases suggested for it, a knowledge search, quick responses; one click
// quotes a case's answer or inserts a filled quick response into the reply, where the caret is.
import { $, announce, el } from './dom.js';
import { CATEGORIES } from './labels.js';

const SEARCH_LIMIT = 5;

/** Inserts `text` at the reply's caret (or replaces the selection) and puts the focus there. */
export function insertIntoReply(text) {
  const area = $('#reply-text');
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? start;
  const before = area.value.slice(0, start);
  const joiner = before && !before.endsWith('\n') ? '\n' : '';
  area.setRangeText(`${joiner}${text}`, start, end, 'end');
  area.focus();
}

export function createKnowledgePanel({ api }) {
  const status = $('#knowledge-result');
  let complaint = null;
  $('#knowledge-category').replaceChildren(el('option', { value: '' }, '전체 · all'), ...CATEGORIES.map((c) => el('option', { value: c }, c)));

  /** The text of a case to quote: its translation when the reply is written in the citizen's language. */
  async function quote(caseId) {
    try {
      const found = await api.get(`/api/knowledge/cases/${encodeURIComponent(caseId)}`);
      const knowledgeCase = found.case ?? found;
      const language = $('#reply-language').value;
      const answer = (language !== 'ko' && knowledgeCase.translations?.[language]?.answer) || knowledgeCase.answer;
      if (!answer) throw new Error('the case has no answer text');
      insertIntoReply(answer);
      announce(status, `사례를 답변에 넣었습니다 · Case quoted into the reply: ${knowledgeCase.title ?? caseId}`);
    } catch (error) {
      announce(status, `사례를 가져오지 못했습니다 · Could not quote the case: ${error.message}`);
    }
  }

  async function view(caseId) {
    try {
      const found = await api.get(`/api/knowledge/cases/${encodeURIComponent(caseId)}`);
      const c = found.case ?? found;
      const box = $('#case-view');
      box.replaceChildren(
        el('h3', {}, c.title ?? caseId),
        el('p', { class: 'note' }, [c.category, c.subCategory, c.agency].filter(Boolean).join(' · ')),
        c.question ? el('p', {}, el('strong', {}, '질문 · Question: '), c.question) : '',
        el('p', { lang: 'ko', class: 'case-answer' }, c.answer ?? ''),
        el('button', { type: 'button', onclick: () => quote(caseId) }, '답변에 인용 · Quote in the reply'),
      );
      box.focus();
    } catch (error) {
      announce(status, `사례를 열 수 없습니다 · Could not open the case: ${error.message}`);
    }
  }

  async function feedback(caseId, helpful) {
    if (!complaint) return;
    try {
      await api.post('/api/knowledge/feedback', { complaintId: complaint.complaintId, caseId, helpful });
      announce(status, helpful ? '도움됨으로 표시했습니다 · Marked helpful' : '도움 안 됨으로 표시했습니다 · Marked not helpful');
    } catch (error) {
      announce(status, `의견을 보내지 못했습니다 · Feedback not sent: ${error.message}`);
    }
  }

  function caseItem(hit, { suggested }) {
    const title = hit.title ?? hit.caseId;
    return el(
      'li',
      { 'data-key': hit.caseId, class: 'case' },
      el('strong', {}, title),
      hit.category ? el('span', { class: 'badge' }, hit.category) : '',
      typeof hit.score === 'number' ? el('span', { class: 'note' }, ` ${Math.round(hit.score * 100)}%`) : '',
      hit.snippet ? el('p', { class: 'snippet' }, hit.snippet) : '',
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', 'data-action': 'quote', 'aria-label': `답변에 인용 · Quote in the reply: ${title}`, onclick: () => quote(hit.caseId) }, '인용 · Quote'),
        el('button', { type: 'button', 'data-action': 'view', 'aria-label': `사례 보기 · View the case: ${title}`, onclick: () => view(hit.caseId) }, '보기 · View'),
        suggested ? el('button', { type: 'button', 'data-action': 'helpful', 'aria-label': `도움됨 · Helpful: ${title}`, onclick: () => feedback(hit.caseId, true) }, '도움됨 · Helpful') : '',
        suggested ? el('button', { type: 'button', 'data-action': 'not-helpful', 'aria-label': `도움 안 됨 · Not helpful: ${title}`, onclick: () => feedback(hit.caseId, false) }, '아님 · Not helpful') : '',
      ),
    );
  }

  $('#knowledge-search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const q = $('#knowledge-q').value.trim();
    if (!q) return;
    const params = new URLSearchParams({ q, limit: String(SEARCH_LIMIT) });
    const category = $('#knowledge-category').value;
    if (category) params.set('category', category);
    try {
      const { items } = await api.get(`/api/knowledge/search?${params}`);
      $('#knowledge-results').replaceChildren(...(items.length > 0 ? items.map((hit) => caseItem(hit, { suggested: false })) : [el('li', { class: 'note' }, '찾는 사례가 없습니다 · No case found')]));
      announce(status, `사례 ${items.length}건 · ${items.length} case(s)`);
    } catch (error) {
      announce(status, `검색 실패 · Search failed: ${error.message}`);
    }
  });

  $('#quick-search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    const q = $('#quick-q').value.trim();
    if (q) params.set('q', q);
    const language = $('#reply-language').value;
    if (language) params.set('language', language);
    try {
      const { items } = await api.get(`/api/quick-responses?${params}`);
      $('#quick-results').replaceChildren(
        ...(items.length > 0
          ? items.map((response) =>
              el(
                'li',
                { 'data-key': response.id },
                el('code', {}, `/${response.shortcut}`),
                ` ${response.title} `,
                el('span', { class: 'badge' }, response.language),
                el('button', { type: 'button', 'aria-label': `답변에 넣기 · Insert: ${response.title}`, onclick: () => insertQuick(response) }, '넣기 · Insert'),
              ),
            )
          : [el('li', { class: 'note' }, '빠른 답변이 없습니다 · No quick response')]),
      );
    } catch (error) {
      announce(status, `빠른 답변을 찾지 못했습니다 · Quick responses failed: ${error.message}`);
    }
  });

  /** The API fills the placeholders (receipt number, agency, due date) from the complaint. */
  async function insertQuick(response) {
    if (!complaint) return;
    try {
      const { text } = await api.post(`/api/quick-responses/${encodeURIComponent(response.id)}/fill`, { complaintId: complaint.complaintId, language: response.language });
      insertIntoReply(text);
      announce(status, `빠른 답변을 넣었습니다 · Inserted: ${response.title}`);
    } catch (error) {
      announce(status, `빠른 답변을 넣지 못했습니다 · Could not insert: ${error.message}`);
    }
  }

  return {
    /** Shows the suggestions stored on the complaint (`suggestedCases`). */
    show(detail) {
      complaint = detail;
      const suggestions = detail.suggestedCases ?? [];
      $('#suggestions').replaceChildren(
        ...(suggestions.length > 0 ? suggestions.map((hit) => caseItem(hit, { suggested: true })) : [el('li', { class: 'note' }, '추천 사례가 없습니다 · No suggestion for this complaint')]),
      );
      $('#case-view').replaceChildren();
    },
  };
}
