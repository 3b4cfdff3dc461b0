// Self-service answers: search the city's published answers, read one, ask a counselor from it.
// Plain ES module, no build step. Shares the chat page's language and session keys.
import { LANGUAGES } from './i18n.js';
import { ANSWER_TEXT } from './answers-i18n.js';
import { session } from './session.js';

const STORE = {
  uiLanguage: 'citizenChat.uiLanguage',
  token: 'citizenChat.token',
  // Read by chat.js: the message to prefill and the case it came from.
  prefill: 'citizenChat.prefill',
  visitId: 'citizenAnswers.visitId',
};
const $ = (id) => document.getElementById(id);

let lang = LANGUAGES.includes(session.get(STORE.uiLanguage)) ? session.get(STORE.uiLanguage) : 'ko';
let config = { apiBaseUrl: location.origin, smsNumber: '120' };
let lastResults = null;
let current = null;
let errorText = null;

const t = (key, ...args) => {
  const value = ANSWER_TEXT[lang][key] ?? ANSWER_TEXT.ko[key];
  return typeof value === 'function' ? value(...args) : value;
};

/** A random id per visit (this tab): lets the city count searches no contact followed, and nothing about the person. */
function visitId() {
  let id = session.get(STORE.visitId);
  if (!id) {
    id = crypto.randomUUID();
    session.set(STORE.visitId, id);
  }
  return id;
}

/** `describe`: a function of the language (kept, so a language switch rewords it); anything else thrown is a server error. */
function showError(thrown) {
  const describe = thrown === null || typeof thrown === 'function' ? thrown : () => t('serverError');
  errorText = describe;
  $('error').textContent = describe ? describe() : '';
  $('error').hidden = !describe;
}

async function call(path, init) {
  let response;
  try {
    // Deployed, the answers have an API of their own (config.json); locally the gateway serves them on this origin.
    response = await fetch(`${config.answersApiBaseUrl ?? config.apiBaseUrl}${path}`, init);
  } catch {
    throw () => t('network');
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 429) throw () => t('rateLimited', body.retryAfterSeconds ?? Number(response.headers.get('retry-after')));
  if (response.status === 404) throw () => t('notFound');
  if (!response.ok) throw () => t('serverError');
  return body;
}

const query = (params) => new URLSearchParams({ ...params, lang, visit: visitId() }).toString();

function applyLanguage(next) {
  lang = next;
  session.set(STORE.uiLanguage, lang);
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  $('ui-language').value = lang;
  if (errorText) showError(errorText);
  renderAskChat();
}

// ---- search -----------------------------------------------------------------------------

async function onSearch(event) {
  event.preventDefault();
  showError(null);
  const q = $('search-q').value.trim();
  if (!q) {
    showError(() => t('required'));
    $('search-q').focus();
    return;
  }
  $('search-submit').disabled = true;
  try {
    const { items } = await call(`/answers/search?${query({ q })}`);
    lastResults = items;
    renderResults();
  } catch (describe) {
    showError(describe);
  } finally {
    $('search-submit').disabled = false;
  }
}

function renderResults() {
  const items = lastResults ?? [];
  $('result-count').textContent = items.length === 0 ? t('noResults') : t('results', items.length);
  $('results').replaceChildren(
    ...items.map((item) => {
      const li = document.createElement('li');
      const open = document.createElement('button');
      open.type = 'button';
      open.dataset.testid = 'result';
      open.dataset.caseId = item.caseId;
      open.lang = item.language;
      open.textContent = item.title;
      open.addEventListener('click', () => openAnswer(item.caseId));
      li.append(open);
      if (item.koreanFallback) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = t('koreanOnly');
        li.append(badge);
      }
      const snippet = document.createElement('p');
      snippet.className = 'snippet';
      snippet.lang = item.language;
      snippet.textContent = item.snippet;
      li.append(snippet);
      return li;
    }),
  );
}

// ---- one answer -------------------------------------------------------------------------

async function openAnswer(caseId) {
  showError(null);
  try {
    current = await call(`/answers/${encodeURIComponent(caseId)}?${query({})}`);
  } catch (describe) {
    showError(describe);
    return;
  }
  $('answer-title').textContent = current.title;
  $('answer-title').lang = current.language;
  $('answer-question').textContent = current.question;
  $('answer-text').textContent = current.answer;
  $('answer-text').lang = current.language;
  $('answer-note').hidden = !current.koreanFallback;
  $('answer-note').textContent = current.koreanFallback ? t('koreanNote') : '';
  $('ask-section').hidden = true;
  $('search-section').hidden = true;
  $('answer-section').hidden = false;
  history.replaceState(null, '', `#case=${encodeURIComponent(caseId)}`);
  $('answer-title').focus();
}

function backToResults() {
  $('answer-section').hidden = true;
  $('search-section').hidden = false;
  history.replaceState(null, '', location.pathname);
  $('search-q').focus();
}

/** "This did not help": the chat page opens with the question filled in and the case attached; without an account, SMS. */
async function onNotHelped() {
  showError(null);
  let help;
  try {
    help = await call(`/answers/${encodeURIComponent(current.caseId)}/not-helpful`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: lang, visitId: visitId() }),
    });
  } catch (describe) {
    showError(describe);
    return;
  }
  session.set(STORE.prefill, { text: help.prefill, selfService: { caseId: help.caseId, visitId: visitId() } });
  const body = `${help.prefill}\n[Q#${help.caseId}]`;
  // RFC 5724: sms:<number>?body=<percent-encoded text>.
  $('ask-sms').href = `sms:${config.smsNumber}?body=${encodeURIComponent(body)}`;
  renderAskChat();
  $('ask-section').hidden = false;
  $('ask-heading').focus();
}

function renderAskChat() {
  // With a chat token in this tab the chat opens at once; otherwise the account application comes first.
  $('ask-chat').textContent = session.get(STORE.token) ? t('askChat') : t('askApply');
}

// ---- start ------------------------------------------------------------------------------

async function loadConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) config = { ...config, ...(await response.json()) };
  } catch {
    // defaults: the API on this origin
  }
}

async function main() {
  $('ui-language').addEventListener('change', (event) => applyLanguage(event.target.value));
  $('search-form').addEventListener('submit', onSearch);
  $('back').addEventListener('click', backToResults);
  $('not-helped').addEventListener('click', onNotHelped);
  applyLanguage(lang);
  await loadConfig();
  const linked = /^#case=(.+)$/.exec(location.hash)?.[1];
  if (linked) await openAnswer(decodeURIComponent(linked));
}

main();
