// Citizen status page: receipt number + last 4 phone digits -> GET /public/status. Plain ES module, no build step.
import { STATUS_TEXT } from './status-i18n.js';

const LANGUAGES = Object.keys(STATUS_TEXT);
/** Shared with the chat page, so a citizen's language choice follows them across the site. */
const UI_LANGUAGE_KEY = 'citizenChat.uiLanguage';
const RECEIPT = /^\s*[0-9A-Za-z]{8}[-\s]?[0-9A-Za-z]{5}[-\s]?[0-9A-Za-z]{5}\s*$/;

const $ = (id) => document.getElementById(id);
let lang = initialLanguage();
let apiBaseUrl = location.origin;
/** The last answer, kept so a language switch re-renders it without asking again. */
let view = null;
/** What the error box says, as a function of the language. */
let errorText = null;

function initialLanguage() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(UI_LANGUAGE_KEY) ?? 'null');
    if (LANGUAGES.includes(stored)) return stored;
  } catch {
    // none stored
  }
  const browser = (navigator.language || 'ko').slice(0, 2);
  return LANGUAGES.includes(browser) ? browser : 'ko';
}

const t = (key, ...args) => {
  const value = STATUS_TEXT[lang][key] ?? STATUS_TEXT.ko[key];
  return typeof value === 'function' ? value(...args) : value;
};

/** A status code in words; `answered` has its own key, as `answered` also heads the yes/no fact. */
const statusWord = (status) => t(status === 'answered' ? 'statusAnswered' : status);

/** An instant as the citizen's calendar shows it: Seoul time, in the page's language. */
function when(instant) {
  return new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Seoul', dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

function applyLanguage(next) {
  lang = next;
  try {
    sessionStorage.setItem(UI_LANGUAGE_KEY, JSON.stringify(lang));
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('ui-language').value = lang;
  if (errorText) $('error').textContent = errorText();
  if (view) render(view);
}

function showError(describe) {
  errorText = describe;
  const box = $('error');
  box.textContent = describe ? describe() : '';
  box.hidden = !describe;
}

function render(result) {
  $('result-heading').textContent = t('resultHeading', result.receiptNo);
  $('result-status').textContent = statusWord(result.status);
  $('result-due').textContent = result.dueAt ? when(result.dueAt) : '—';
  $('result-answered').textContent = result.answered ? t('yes') : t('no');
  const answer = $('answer');
  answer.hidden = !result.answer;
  $('answer-text').textContent = result.answer ? result.answer.text : '';
  if (result.answer) $('answer-text').lang = result.answer.language;
  const list = $('history');
  list.replaceChildren(
    ...result.history.map((entry) => {
      const item = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = entry.at;
      time.textContent = when(entry.at);
      const label = entry.event === 'deadline_extended' ? `${t('deadline_extended')}${entry.dueAt ? ` (${t('newDue', when(entry.dueAt))})` : ''}` : statusWord(entry.status);
      item.append(time, document.createTextNode(` ${label}`));
      return item;
    }),
  );
  $('result').hidden = false;
}

function refusal(status, payload, retryAfter) {
  const minutes = Math.max(1, Math.ceil(Number(payload?.retryAfterSeconds ?? retryAfter ?? 60) / 60));
  if (status === 404) return () => t('notFound');
  if (status === 429) return payload?.error === 'locked' ? () => t('locked', minutes) : () => t('rateLimited', minutes);
  if (status === 400) return () => t('invalidReceipt');
  return () => t('serverError');
}

async function onLookup(event) {
  event.preventDefault();
  const receiptNo = $('receipt-no').value.trim();
  const phoneLast4 = $('phone-last4').value.trim();
  if (!RECEIPT.test(receiptNo)) {
    showError(() => t('invalidReceipt'));
    $('receipt-no').setAttribute('aria-invalid', 'true');
    $('receipt-no').focus();
    return;
  }
  $('receipt-no').removeAttribute('aria-invalid');
  if (!/^\d{4}$/.test(phoneLast4)) {
    showError(() => t('invalidPhone'));
    $('phone-last4').setAttribute('aria-invalid', 'true');
    $('phone-last4').focus();
    return;
  }
  $('phone-last4').removeAttribute('aria-invalid');
  showError(null);
  const button = $('lookup-submit');
  button.disabled = true;
  $('lookup-status').textContent = t('looking');
  let response;
  let payload = null;
  try {
    const query = new URLSearchParams({ receiptNo, phoneLast4, lang });
    response = await fetch(`${apiBaseUrl}/public/status?${query}`, { headers: { accept: 'application/json' }, cache: 'no-store' });
    payload = await response.json().catch(() => null);
  } catch {
    showError(() => t('network'));
    return;
  } finally {
    button.disabled = false;
    $('lookup-status').textContent = '';
  }
  if (!response.ok) {
    view = null;
    $('result').hidden = true;
    showError(refusal(response.status, payload, response.headers.get('retry-after')));
    $('receipt-no').focus();
    return;
  }
  view = payload;
  render(view);
  // Move to the answer, so a screen reader reads it and a keyboard user is there.
  $('result-heading').focus();
}

async function loadConfig() {
  // Deployed: config.json names the status API (statusApiUrl). Locally the gateway serves it on this origin.
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = await response.json();
      apiBaseUrl = config.statusApiUrl ?? apiBaseUrl;
    }
  } catch {
    // defaults
  }
}

function main() {
  $('ui-language').addEventListener('change', (event) => applyLanguage(event.target.value));
  $('lookup-form').addEventListener('submit', onLookup);
  applyLanguage(lang);
  const params = new URLSearchParams(location.search);
  if (params.get('receiptNo')) $('receipt-no').value = params.get('receiptNo');
  void loadConfig();
}

main();
