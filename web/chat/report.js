// The citizen site's report form: files a complaint through the city's own Open311 GeoReport v2
// API, exactly as any civic app does. The api_key it sends is the site's: it names this app to
// the API (rate limits, records); it is not a secret and proves nothing about the citizen.
import { REPORT_LANGUAGES, REPORT_TEXT } from './report-i18n.js';

const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif'];

const $ = (id) => document.getElementById(id);
let language = REPORT_LANGUAGES.includes(navigator.language.slice(0, 2)) ? navigator.language.slice(0, 2) : 'ko';
let client = null; // { api_key, endpoint }
let apiBase = location.origin;
let services = [];
let location_ = null; // { lat, long }

const t = (key, ...args) => {
  const entry = REPORT_TEXT[language][key] ?? REPORT_TEXT.ko[key];
  return typeof entry === 'function' ? entry(...args) : entry;
};

function applyLanguage() {
  document.documentElement.lang = language;
  $('ui-language').value = language;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  updateCount();
}

function updateCount() {
  $('description-count').textContent = t('charsLeft', 4000 - [...$('description').value].length);
}

function showErrors(messages) {
  const list = $('error-list');
  list.replaceChildren(...messages.map((message) => Object.assign(document.createElement('li'), { textContent: message })));
  $('errors').hidden = false;
  $('done').hidden = true;
  $('errors').focus();
}

function clearMessages() {
  $('errors').hidden = true;
  $('error-list').replaceChildren();
}

/** GeoReport errors are `[{ code, description }]`; anything else is shown as unavailable. */
async function errorsOf(response) {
  try {
    const body = await response.json();
    if (Array.isArray(body) && body.every((entry) => typeof entry.description === 'string')) return body.map((entry) => entry.description);
  } catch {
    // fall through
  }
  return [t('unavailable')];
}

async function loadServices() {
  const response = await fetch(`${client.endpoint}/services.json`, { headers: { 'accept-language': language } });
  if (!response.ok) throw new Error('services');
  services = await response.json();
  const select = $('service');
  const chosen = select.value;
  const groups = new Map();
  for (const service of services) {
    if (!groups.has(service.group)) groups.set(service.group, Object.assign(document.createElement('optgroup'), { label: service.group }));
    groups.get(service.group).append(Object.assign(document.createElement('option'), { value: service.service_code, textContent: service.service_name }));
  }
  const placeholder = Object.assign(document.createElement('option'), { value: '', textContent: t('chooseService') });
  placeholder.dataset.i18n = 'chooseService';
  select.replaceChildren(placeholder, ...groups.values());
  select.value = chosen;
  await renderAttributes();
}

/** The service definition's attributes as form fields, each labelled; lists as select or checkboxes. */
async function renderAttributes() {
  const container = $('attributes');
  container.replaceChildren();
  const service = services.find((entry) => entry.service_code === $('service').value);
  if (!service || !service.metadata) return;
  const response = await fetch(`${client.endpoint}/services/${encodeURIComponent(service.service_code)}.json`, { headers: { 'accept-language': language } });
  if (!response.ok) return;
  const definition = await response.json();
  // The citizen may have picked another category while this one loaded.
  if ($('service').value !== service.service_code) return;
  container.replaceChildren();
  for (const attribute of [...definition.attributes].sort((a, b) => a.order - b.order)) {
    if (!attribute.variable) continue;
    const id = `attribute-${attribute.code}`;
    const label = `${attribute.description}${attribute.required ? ` ${t('required')}` : ''}`;
    if (attribute.datatype === 'multivaluelist') {
      const fieldset = document.createElement('fieldset');
      fieldset.append(Object.assign(document.createElement('legend'), { textContent: label }));
      for (const value of attribute.values) {
        const box = Object.assign(document.createElement('input'), { type: 'checkbox', id: `${id}-${value.key}`, value: value.key });
        box.dataset.attribute = attribute.code;
        const row = Object.assign(document.createElement('div'), { className: 'check' });
        row.append(box, Object.assign(document.createElement('label'), { htmlFor: box.id, textContent: value.name }));
        fieldset.append(row);
      }
      container.append(fieldset);
      continue;
    }
    const field = Object.assign(document.createElement('div'), { className: 'field' });
    field.append(Object.assign(document.createElement('label'), { htmlFor: id, textContent: label }));
    let input;
    if (attribute.datatype === 'singlevaluelist') {
      input = document.createElement('select');
      input.append(Object.assign(document.createElement('option'), { value: '', textContent: '—' }));
      for (const value of attribute.values) input.append(Object.assign(document.createElement('option'), { value: value.key, textContent: value.name }));
    } else if (attribute.datatype === 'text') {
      input = Object.assign(document.createElement('textarea'), { rows: 3 });
    } else {
      input = Object.assign(document.createElement('input'), { type: attribute.datatype === 'datetime' ? 'datetime-local' : attribute.datatype === 'number' ? 'number' : 'text' });
    }
    Object.assign(input, { id, required: attribute.required });
    input.dataset.attribute = attribute.code;
    input.dataset.datatype = attribute.datatype;
    field.append(input);
    if (attribute.datatype_description) {
      const hint = Object.assign(document.createElement('p'), { className: 'hint', id: `${id}-hint`, textContent: attribute.datatype_description });
      input.setAttribute('aria-describedby', hint.id);
      field.append(hint);
    }
    container.append(field);
  }
}

/** datetime-local has no zone: the citizen's own offset is added, as the API wants ISO 8601 with one. */
function withOffset(local) {
  const minutes = -new Date(local).getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${local.length === 16 ? `${local}:00` : local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function useLocation() {
  const status = $('location-status');
  if (!navigator.geolocation) {
    status.textContent = t('locationFailed');
    return;
  }
  status.textContent = t('locating');
  navigator.geolocation.getCurrentPosition(
    (position) => {
      location_ = { lat: position.coords.latitude.toFixed(6), long: position.coords.longitude.toFixed(6) };
      status.textContent = t('located', location_.lat, location_.long);
      $('clear-location').hidden = false;
    },
    () => {
      status.textContent = t('locationFailed');
    },
    { enableHighAccuracy: true, timeout: 15_000 },
  );
}

async function uploadPhoto(file) {
  $('progress').textContent = t('uploading');
  const response = await fetch(`${apiBase}/open311/uploads?api_key=${encodeURIComponent(client.api_key)}`, { method: 'POST', headers: { 'content-type': file.type }, body: file });
  if (!response.ok) throw await errorsOf(response);
  return (await response.json()).media_url;
}

async function submit(event) {
  event.preventDefault();
  clearMessages();
  const problems = [];
  const serviceCode = $('service').value;
  if (!serviceCode) problems.push(t('needService'));
  const address = $('address').value.trim();
  if (!address && !location_) problems.push(t('needLocation'));
  const file = $('photo').files[0];
  if (file && !PHOTO_TYPES.includes(file.type)) problems.push(t('photoType'));
  if (file && file.size > MAX_PHOTO_BYTES) problems.push(t('photoTooLarge'));
  if (problems.length > 0) return showErrors(problems);

  const form = new URLSearchParams({ api_key: client.api_key, service_code: serviceCode, description: $('description').value });
  if (address) form.set('address_string', address);
  if (location_) {
    form.set('lat', location_.lat);
    form.set('long', location_.long);
  }
  for (const name of ['phone', 'email']) if ($(name).value.trim()) form.set(name, $(name).value.trim());
  for (const input of $('attributes').querySelectorAll('[data-attribute]')) {
    if (input.type === 'checkbox') {
      if (input.checked) form.append(`attribute[${input.dataset.attribute}][]`, input.value);
    } else if (input.value) {
      form.set(`attribute[${input.dataset.attribute}]`, input.dataset.datatype === 'datetime' ? withOffset(input.value) : input.value);
    }
  }
  $('submit').disabled = true;
  try {
    if (file) form.set('media_url', await uploadPhoto(file));
    $('progress').textContent = t('sending');
    const response = await fetch(`${client.endpoint}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'accept-language': language },
      body: form,
    });
    if (!response.ok) throw await errorsOf(response);
    const [created] = await response.json();
    $('done-text').textContent = t('done', created.service_request_id);
    $('done').hidden = false;
    $('report-form').reset();
    location_ = null;
    $('location-status').textContent = '';
    $('clear-location').hidden = true;
    updateCount();
    $('done').focus();
  } catch (error) {
    showErrors(Array.isArray(error) ? error : [t('unavailable')]);
  } finally {
    $('progress').textContent = '';
    $('submit').disabled = false;
  }
}

async function start() {
  applyLanguage();
  $('ui-language').addEventListener('change', async () => {
    language = $('ui-language').value;
    applyLanguage();
    if (client) await loadServices().catch(() => showErrors([t('unavailable')]));
  });
  $('description').addEventListener('input', updateCount);
  $('service').addEventListener('change', () => void renderAttributes());
  $('use-location').addEventListener('click', useLocation);
  $('clear-location').addEventListener('click', () => {
    location_ = null;
    $('location-status').textContent = '';
    $('clear-location').hidden = true;
    $('use-location').focus();
  });
  $('report-form').addEventListener('submit', (event) => void submit(event));
  try {
    // Deployed: config.json names the Open311 API's base URL. Locally the gateway serves it on this origin.
    const config = await fetch('config.json', { cache: 'no-store' });
    if (config.ok) apiBase = ((await config.json()).open311BaseUrl ?? apiBase).replace(/\/$/, '');
  } catch {
    // same origin
  }
  try {
    const response = await fetch(`${apiBase}/open311/web-client.json`, { cache: 'no-store' });
    if (!response.ok) throw new Error('web client');
    client = await response.json();
    await loadServices();
  } catch {
    showErrors([t('unavailable')]);
  }
}

void start();
