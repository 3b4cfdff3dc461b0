// The installable app around the chat page: service worker, the manifest in the page's language,
// and answer notifications by Web Push for chat-account holders who turn them on.
import { LANGUAGE_KEY, PWA_LANGUAGES, PWA_TEXT, pwaLanguage } from './pwa-i18n.js';

/** chat.js keeps the chat token in sessionStorage under this key (JSON). */
const TOKEN_KEY = 'citizenChat.token';
const $ = (id) => document.getElementById(id);
const token = () => {
  try {
    return JSON.parse(sessionStorage.getItem(TOKEN_KEY) ?? 'null');
  } catch {
    return null;
  }
};
let apiBaseUrl = location.origin;
const text = (key) => PWA_TEXT[pwaLanguage()][key];

// ---- language: follow the chat page's choice (it sets <html lang>) ------------------------

function followLanguage() {
  const lang = document.documentElement.lang;
  if (!PWA_LANGUAGES.includes(lang)) return;
  localStorage.setItem(LANGUAGE_KEY, lang);
  const link = document.querySelector('link[rel=manifest]');
  if (link) link.href = `manifest-${lang}.webmanifest`;
  for (const element of document.querySelectorAll('[data-pwa-i18n]')) element.textContent = text(element.dataset.pwaI18n);
  renderPushState();
}

// ---- Web Push -----------------------------------------------------------------------------

let pushState = 'off';

function renderPushState() {
  const status = $('push-status');
  if (!status) return;
  status.textContent = pushState === 'on' ? text('pushEnabled') : pushState === 'denied' ? text('pushDenied') : pushState === 'failed' ? text('pushFailed') : '';
  $('push-enable').hidden = pushState === 'on' || !token();
}

function base64UrlToBytes(value) {
  const padded = value.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(value.length / 4) * 4, '=');
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

async function enablePush() {
  try {
    if ((await Notification.requestPermission()) !== 'granted') {
      pushState = 'denied';
      return;
    }
    const key = await fetch(`${apiBaseUrl}/chat/push/key`);
    if (!key.ok) throw new Error(`push key ${key.status}`);
    const { publicKey } = await key.json();
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(publicKey) });
    const stored = await fetch(`${apiBaseUrl}/chat/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: JSON.stringify({ subscription: subscription.toJSON() }),
    });
    if (!stored.ok) throw new Error(`subscribe ${stored.status}`);
    pushState = 'on';
  } catch {
    pushState = 'failed';
  } finally {
    renderPushState();
  }
}

/** Signing out ends the device's notifications too (read the token before chat.js forgets it). */
function onSignOut() {
  const signedIn = token();
  if (!signedIn || !('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready.then(async (registration) => {
    const subscription = await registration.pushManager.getSubscription();
    if (!subscription) return;
    await fetch(`${apiBaseUrl}/chat/push/subscriptions`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signedIn}` },
      body: JSON.stringify({ endpoint: subscription.endpoint }),
    }).catch(() => undefined);
    await subscription.unsubscribe();
    pushState = 'off';
    renderPushState();
  });
}

function addPushControls() {
  const anchor = $('connection-status');
  if (!anchor || !('PushManager' in window) || !('Notification' in window)) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'push-enable';
  button.className = 'secondary';
  button.dataset.testid = 'push-enable';
  button.dataset.pwaI18n = 'pushEnable';
  button.addEventListener('click', enablePush);
  const status = document.createElement('p');
  status.id = 'push-status';
  status.className = 'status';
  status.setAttribute('role', 'status');
  status.dataset.testid = 'push-status';
  anchor.after(button, status);
  // The chat section appears (and the token with it) after verification: re-check then.
  new MutationObserver(renderPushState).observe($('chat-section'), { attributes: true, attributeFilter: ['hidden'] });
  document.addEventListener('click', (event) => event.target?.closest?.('#sign-out') && onSignOut(), { capture: true });
}

async function main() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) apiBaseUrl = (await response.json()).apiBaseUrl ?? apiBaseUrl;
  } catch {
    // same origin
  }
  addPushControls();
  new MutationObserver(followLanguage).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  followLanguage();
  if ('serviceWorker' in navigator) {
    const registration = await navigator.serviceWorker.register('sw.js', { scope: './' }).catch(() => null);
    const subscription = await registration?.pushManager?.getSubscription().catch(() => null);
    if (subscription && Notification.permission === 'granted') pushState = 'on';
    renderPushState();
  }
}

main();
