// The citizen's own receipt numbers, kept on the device (localStorage) so the offline page can
// show them without the network. A receipt number alone names no one; nothing else is kept.
const KEY = 'citizenApp.receipts';
const MAX = 50;
const RECEIPT = /^\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

export function deviceReceipts() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((entry) => RECEIPT.test(entry?.receiptNo ?? '')) : [];
  } catch {
    return [];
  }
}

/** Newest first, each number once. */
export function rememberReceipt(receiptNo, at = new Date().toISOString()) {
  if (!RECEIPT.test(receiptNo ?? '')) return;
  const kept = deviceReceipts().filter((entry) => entry.receiptNo !== receiptNo);
  try {
    localStorage.setItem(KEY, JSON.stringify([{ receiptNo, at }, ...kept].slice(0, MAX)));
  } catch {
    // Storage full or disabled: the chat works without it.
  }
}

export function forgetReceipts() {
  localStorage.removeItem(KEY);
}
