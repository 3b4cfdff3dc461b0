// Handling a complaint: status, category and agency (transfer), petition type, deadline extension.
// Each change needs a reason and lands in the complaint's history under the signed-in counselor.
import { $, announce, el } from './dom.js';
import { AGENCIES, CATEGORIES, PETITION_TYPES, STATUSES, TRANSITIONS, label } from './labels.js';

/** Replaces a select's options only when they differ, keeping the choice (and the focus) otherwise. */
function setOptions(select, entries, selected) {
  const signature = JSON.stringify(entries);
  if (select.dataset.signature !== signature) {
    const keep = select.value;
    select.replaceChildren(...entries.map(([value, text]) => el('option', { value }, text)));
    select.dataset.signature = signature;
    select.value = entries.some(([value]) => value === keep) ? keep : (selected ?? entries[0]?.[0] ?? '');
  }
}

export function createHandlingForms({ api, current, changed }) {
  const result = $('#handling-result');
  $('#agency-list').replaceChildren(...AGENCIES.map((agency) => el('option', { value: agency })));

  async function submit(form, path, body, done) {
    const detail = current();
    if (!detail) return;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const answer = await api.post(`/api/complaints/${encodeURIComponent(detail.complaintId)}/${path}`, body);
      form.reset();
      announce(result, answer.changed === false ? '이미 반영되어 있습니다 · Already so; nothing changed' : done(answer));
      await changed(path);
    } catch (error) {
      announce(result, `실패 · failed: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  $('#status-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const to = $('#status-to').value;
    submit(event.currentTarget, 'status', { status: to, reason: $('#status-reason').value.trim() }, () => `상태 변경됨 · status: ${label(STATUSES, to)}`);
  });
  $('#assignment-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const detail = current();
    const category = $('#assign-category').value;
    const agency = $('#assign-agency').value.trim();
    const body = {
      ...(category && category !== detail?.category ? { category } : {}),
      ...(agency ? { agency } : {}),
      reason: $('#assign-reason').value.trim(),
    };
    if (!body.category && !body.agency) {
      announce(result, '바꿀 분류나 기관을 고르세요 · choose a category or an agency to change');
      return;
    }
    submit(event.currentTarget, 'assignment', body, (answer) => `분류·기관 변경됨 · now ${answer.complaint.category ?? '—'} / ${answer.complaint.agency ?? '—'}`);
  });
  $('#petition-form').addEventListener('submit', (event) => {
    event.preventDefault();
    submit(event.currentTarget, 'petition-type', { type: $('#petition-type').value, reason: $('#petition-reason').value.trim() }, (answer) => `유형 변경됨 · type: ${label(PETITION_TYPES, answer.complaint.petitionType)}`);
  });
  $('#extension-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const detail = current();
    // The number of the extension as shown: a retried request names the same one and is not applied twice.
    const extensionNumber = (detail?.deadlineExtension?.count ?? 0) + 1;
    submit(
      event.currentTarget,
      'deadline-extension',
      { reason: $('#extension-reason').value.trim(), extensionNumber, ...($('#extension-consent').checked ? { citizenConsent: true } : {}) },
      () => `기한 ${extensionNumber}차 연장됨 · deadline extended (${extensionNumber})`,
    );
  });

  return {
    draw(detail) {
      setOptions($('#status-to'), (TRANSITIONS[detail.status] ?? []).map((to) => [to, label(STATUSES, to)]));
      setOptions($('#assign-category'), [['', `현재 · current: ${detail.category ?? '—'}`], ...CATEGORIES.map((c) => [c, c])], '');
      setOptions(
        $('#petition-type'),
        Object.entries(PETITION_TYPES).filter(([type]) => type !== (detail.petitionType ?? 'inquiry-procedure')),
      );
      const count = detail.deadlineExtension?.count ?? 0;
      const open = detail.status === 'received' || detail.status === 'in_progress';
      const submitExtension = $('#extension-submit');
      submitExtension.textContent = count >= 2 ? '연장 한도 도달 · No further extension' : `기한 ${count + 1}차 연장 · Extend the deadline (${count + 1})`;
      submitExtension.disabled = count >= 2 || !open;
      $('#petition-form button[type="submit"]').disabled = count > 0;
    },
  };
}
