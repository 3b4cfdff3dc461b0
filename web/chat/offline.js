// The offline page: the 120 number and the receipt numbers kept on this device, in the language
// the citizen last chose. Needs no network; everything it loads is in the service worker's cache.
import { deviceReceipts, forgetReceipts } from './device-receipts.js';
import { PWA_TEXT, pwaLanguage } from './pwa-i18n.js';

const lang = pwaLanguage();
const text = PWA_TEXT[lang];

function render() {
  document.documentElement.lang = lang;
  document.title = text.offlineTitle;
  document.querySelector('link[rel=manifest]').href = `manifest-${lang}.webmanifest`;
  for (const element of document.querySelectorAll('[data-pwa-i18n]')) element.textContent = text[element.dataset.pwaI18n];
  const receipts = deviceReceipts();
  const list = document.getElementById('receipts');
  list.replaceChildren(
    ...receipts.map((entry) => {
      const item = document.createElement('li');
      item.dataset.testid = 'device-receipt';
      const number = document.createElement('strong');
      number.textContent = entry.receiptNo;
      const when = document.createElement('span');
      when.className = 'meta';
      when.textContent = ` ${new Date(entry.at).toLocaleString(lang)}`;
      item.append(number, when);
      return item;
    }),
  );
  document.getElementById('no-receipts').hidden = receipts.length > 0;
  document.getElementById('forget').hidden = receipts.length === 0;
}

document.getElementById('retry').addEventListener('click', () => location.reload());
document.getElementById('forget').addEventListener('click', () => {
  forgetReceipts();
  render();
});
render();
