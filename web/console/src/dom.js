// Small DOM helpers: element building, KST times, and re-rendering that never loses the focus.

export const $ = (selector, root = document) => root.querySelector(selector);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const KST = new Intl.DateTimeFormat('ko-KR', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 2026-03-02 10:00 KST: counselors, citizens and the law count in Korean time. */
export function kst(iso) {
  if (!iso) return '';
  const parts = Object.fromEntries(KST.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} KST`;
}

/** A <time> element: the KST text, the exact instant for assistive technology and copying. */
export function time(iso) {
  return el('time', { datetime: iso }, kst(iso));
}

/**
 * Replaces `container`'s children with `nodes` only when what they show changed (`signature`),
 * and puts the focus back where it was: the element with the same `data-key`, or the same
 * position. The 3-second refresh then never takes the focus away from a keyboard user.
 */
export function renderStable(container, signature, build) {
  if (container.dataset.signature === signature) return false;
  const active = document.activeElement;
  const inside = active && container.contains(active) ? active : null;
  const key = inside?.closest('[data-key]')?.getAttribute('data-key');
  const role = inside ? focusRole(inside) : null;
  // What was typed into a redrawn item (a note beside a reply) survives the redraw.
  const typed = new Map([...container.querySelectorAll('[data-key] input[data-action]')].map((input) => [`${input.closest('[data-key]').getAttribute('data-key')}|${input.getAttribute('data-action')}`, input.value]));
  container.replaceChildren(...build());
  container.dataset.signature = signature;
  for (const input of container.querySelectorAll('[data-key] input[data-action]')) {
    const value = typed.get(`${input.closest('[data-key]').getAttribute('data-key')}|${input.getAttribute('data-action')}`);
    if (value) input.value = value;
  }
  if (inside) {
    const holder = key ? container.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
    const target = (holder && role ? holder.querySelector(role) : null) ?? holder ?? container.querySelector('button, a, input, select, textarea');
    (target instanceof HTMLElement ? target : container).focus({ preventScroll: true });
  }
  return true;
}

/** Which control inside a keyed item had the focus, so the same one gets it back. */
function focusRole(element) {
  const name = element.getAttribute('data-action');
  return name ? `[data-action="${CSS.escape(name)}"]` : element.tagName.toLowerCase();
}

/** Announces a short status to screen readers (and shows it). */
export function announce(node, message) {
  node.textContent = '';
  // A fresh text node is announced even when the message repeats.
  requestAnimationFrame(() => {
    node.textContent = message;
  });
}
