// Service worker of the citizen app (scope /chat/): keeps the app shell for offline use and
// shows counselors' answers that arrive by Web Push while the app is closed.
const CACHE = 'citizen-app-v1';
const SHELL = [
  './',
  'index.html',
  'chat.css',
  'chat.js',
  'i18n.js',
  'pwa.js',
  'pwa-i18n.js',
  'device-receipts.js',
  'report.html',
  'report.js',
  'report-i18n.js',
  'status.html',
  'status.css',
  'status.js',
  'status-i18n.js',
  'video.html',
  'video.css',
  'video.js',
  'video-i18n.js',
  'session.js',
  'answers.html',
  'answers.css',
  'answers.js',
  'answers-i18n.js',
  'offline.html',
  'offline.js',
  'manifest-ko.webmanifest',
  'manifest-en.webmanifest',
  'manifest-zh.webmanifest',
  'manifest-ja.webmanifest',
  'manifest-vi.webmanifest',
  'manifest-mn.webmanifest',
  'icons/icon-192.png',
  'icons/icon-512.png',
  'icons/icon-maskable-512.png',
];
/** Calls to the gateway's APIs are never answered from the cache. */
const API = /\/chat\/(accounts|tokens|push)(\/|$)/;
const TITLES = {
  ko: '120 상담 답변이 도착했습니다',
  en: 'An answer from 120 has arrived',
  zh: '120 的答复已送达',
  ja: '120からの回答が届きました',
  vi: 'Đã có trả lời từ 120',
  mn: '120-оос хариу ирлээ',
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** The network first (the page is always current when online), the cached copy when offline. */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.href.startsWith(self.registration.scope) || API.test(url.pathname)) return;
  // Offline, opening the app shows the offline page: the 120 number and the receipts on this device.
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(async () => (await caches.match('offline.html', { cacheName: CACHE })) ?? Response.error()));
    return;
  }
  event.respondWith(networkFirst(request));
});

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = {};
  }
  const language = Object.hasOwn(TITLES, message.language) ? message.language : 'ko';
  event.waitUntil(
    (async () => {
      // The same tag for the same answer: a repeated push replaces the notification instead of adding one.
      await self.registration.showNotification(TITLES[language], {
        body: typeof message.text === 'string' ? message.text : '',
        tag: `reply-${message.replyId ?? 'unknown'}`,
        lang: language,
        icon: 'icons/icon-192.png',
        data: { replyId: message.replyId ?? null },
      });
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) client.postMessage({ type: 'push-reply', replyId: message.replyId ?? null });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((client) => client.url.startsWith(self.registration.scope));
      if (open) return open.focus();
      return self.clients.openWindow(self.registration.scope);
    })(),
  );
});
