// The queue: open complaints due first (or newest/oldest), filtered by channel, status, language
// and category, paged by the API's cursor; search by receipt number or by the citizen's number
// (a POST body, never a URL); supervisors also see the overdue list.
import { $, announce, el, kst, renderStable } from './dom.js';
import { CATEGORIES, CHANNELS, LANGUAGES, PETITION_TYPES, STATUSES, label } from './labels.js';

const PAGE_SIZE = 20;

function options(select, entries, allLabel) {
  select.replaceChildren(el('option', { value: '' }, allLabel), ...entries.map(([value, text]) => el('option', { value }, text)));
}

/** One line of the queue: receipt number, channel, language, status, due time in KST. */
function itemView(item, selected, now) {
  const due = item.extendedDueAt ?? item.dueAt;
  const overdue = due && Date.parse(due) < now && (item.status === 'received' || item.status === 'in_progress');
  const dueText = due ? `기한 · due ${kst(due)}${item.extendedDueAt ? ' (연장 · extended)' : ''}` : '';
  return el(
    'li',
    { 'data-key': item.complaintId },
    el(
      'button',
      { type: 'button', 'data-id': item.complaintId, 'aria-current': String(item.complaintId === selected), class: overdue ? 'overdue' : undefined },
      el('strong', {}, item.receiptNo),
      ' ',
      el('span', { class: 'badge' }, label(CHANNELS, item.channel)),
      el('span', { class: 'badge' }, label(LANGUAGES, item.language)),
      el('span', { class: 'badge' }, label(STATUSES, item.status)),
      item.category ? el('span', { class: 'badge' }, item.category) : '',
      el('br'),
      el('span', { class: overdue ? 'due overdue' : 'due' }, overdue ? `기한 초과 · overdue — ${dueText}` : dueText),
      item.petitionType ? el('span', { class: 'note' }, ` · ${label(PETITION_TYPES, item.petitionType).split(' · ')[0]}`) : '',
      el('br'),
      el('span', { class: 'note' }, `${item.citizen} · ${kst(item.createdAt)}`),
    ),
  );
}

export function createQueue({ api, open }) {
  const list = $('#complaints');
  const filters = $('#filters');
  const status = $('#queue-status');
  options($('#filter-channel'), Object.entries(CHANNELS), '전체 · all');
  options($('#filter-status'), Object.entries(STATUSES), '전체 · all');
  options($('#filter-language'), Object.entries(LANGUAGES), '전체 · all');
  options($('#filter-category'), CATEGORIES.map((c) => [c, c]), '전체 · all');

  /** Cursors of the pages before the current one; the current page's own cursor last. */
  let cursors = [undefined];
  let nextCursor;
  let search = null;
  let selected = null;
  let lastCount = null;

  function query() {
    const form = new FormData(filters);
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    for (const [key, value] of form) if (value && key !== 'order') params.set(key, String(value));
    const order = String(form.get('order') || 'due');
    if (order === 'overdue') {
      return `/api/complaints/overdue?limit=${PAGE_SIZE}${cursors.at(-1) ? `&cursor=${cursors.at(-1)}` : ''}`;
    }
    params.set('order', order);
    const cursor = cursors.at(-1);
    if (cursor) params.set('cursor', cursor);
    return `/api/complaints?${params}`;
  }

  function draw(items) {
    const now = Date.now();
    const signature = JSON.stringify([selected, items.map((i) => [i.complaintId, i.status, i.dueAt, i.extendedDueAt, i.category, i.updatedAt])]);
    renderStable(list, signature, () => items.map((item) => itemView(item, selected, now)));
    $('#page-prev').disabled = search !== null || cursors.length < 2;
    $('#page-next').disabled = search !== null || !nextCursor;
  }

  async function refresh({ quiet = false } = {}) {
    if (search) {
      // Search results are searched again after a change made here, not on the timer: every
      // search of a citizen is an access record, and the timer would write one every 3 seconds.
      if (quiet) return;
      const found = await api.post('/api/complaints/search', search.query).catch(() => null);
      if (found && search) draw(found.items);
      return;
    }
    let page;
    try {
      page = await api.get(query());
    } catch (error) {
      if (!quiet) announce(status, `목록을 불러오지 못했습니다 · Could not load the queue: ${error.message}`);
      return;
    }
    nextCursor = page.nextCursor;
    draw(page.items);
    const count = page.items.length;
    if (!quiet || count !== lastCount) {
      status.textContent = count === 0 ? '조건에 맞는 민원이 없습니다. · Nothing matches.' : `${count}건 · ${count} complaint(s)`;
    }
    lastCount = count;
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-id]');
    if (!button) return;
    selected = button.dataset.id;
    for (const other of list.querySelectorAll('button[data-id]')) other.setAttribute('aria-current', String(other === button));
    open(selected);
  });
  filters.addEventListener('change', () => {
    cursors = [undefined];
    refresh();
  });
  $('#page-next').addEventListener('click', () => {
    if (!nextCursor) return;
    cursors.push(nextCursor);
    refresh().then(() => list.querySelector('button')?.focus());
  });
  $('#page-prev').addEventListener('click', () => {
    if (cursors.length < 2) return;
    cursors.pop();
    refresh().then(() => list.querySelector('button')?.focus());
  });

  $('#search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = $('#search-kind').value;
    const value = $('#search-value').value.trim();
    if (!value) return;
    try {
      // The number goes in the body: never in a URL, a log line or the browser history.
      const query = { [kind]: value };
      const found = await api.post('/api/complaints/search', query);
      search = { query };
      nextCursor = undefined;
      draw(found.items);
      $('#search-clear').hidden = false;
      announce(status, found.items.length === 0 ? '찾는 민원이 없습니다. · No complaint found.' : `검색 결과 ${found.items.length}건 · ${found.items.length} found`);
      if (found.items.length === 1) {
        selected = found.items[0].complaintId;
        draw(found.items);
        await open(selected, { focus: true });
      } else {
        list.querySelector('button')?.focus();
      }
    } catch (error) {
      announce(status, `검색 실패 · Search failed: ${error.message}`);
    }
  });
  $('#search-clear').addEventListener('click', () => {
    search = null;
    $('#search-value').value = '';
    $('#search-clear').hidden = true;
    list.dataset.signature = '';
    refresh().then(() => $('#search-value').focus());
  });

  return {
    refresh,
    setRoles(roles) {
      const order = $('#filter-order');
      const present = order.querySelector('option[value="overdue"]');
      if (roles.includes('supervisor') && !present) order.append(el('option', { value: 'overdue' }, '기한 초과 (감독자) · overdue (supervisors)'));
      if (!roles.includes('supervisor')) present?.remove();
    },
    select(id) {
      selected = id;
    },
  };
}
