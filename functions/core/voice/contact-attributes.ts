/**
 * Amazon Connect contact attribute limits: a flat string map of at most 32,768 UTF-8 bytes across
 * all keys and values; keys only alphanumeric, dash and underscore. For a flow Lambda's response
 * the documentation is stricter about values too (alphanumeric, dash, underscore), so
 * `lambda-response` mode also sanitizes values; `api` mode (StartChatContact, StartTaskContact)
 * keeps any UTF-8 value.
 */
export const MAX_ATTRIBUTES_BYTES = 32_768;
const KEY_CHARACTERS = /[^A-Za-z0-9_-]/g;
const LAMBDA_VALUE_CHARACTERS = /[^A-Za-z0-9_-]/g;
const encoder = new TextEncoder();

export type AttributeMode = 'lambda-response' | 'api';

export interface FittedAttributes {
  attributes: Record<string, string>;
  /** Keys whose values were shortened or dropped to fit. */
  truncated: string[];
}

export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Cuts text to at most maxBytes of UTF-8 without splitting a character (or a surrogate pair). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  if (utf8Bytes(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (used + size > maxBytes) break;
    out += char;
    used += size;
  }
  return out;
}

export function sanitizeAttributeKey(key: string): string {
  return key.replace(KEY_CHARACTERS, '_').slice(0, 128);
}

/**
 * Turns entries (in priority order: earlier entries keep their full value longest) into a map
 * Connect accepts. Undefined and null values are left out; numbers and booleans become strings.
 */
export function fitContactAttributes(
  entries: ReadonlyArray<readonly [key: string, value: string | number | boolean | null | undefined]>,
  options: { mode: AttributeMode; maxTotalBytes?: number; maxValueBytes?: number },
): FittedAttributes {
  const maxTotal = Math.min(options.maxTotalBytes ?? MAX_ATTRIBUTES_BYTES, MAX_ATTRIBUTES_BYTES);
  const cleaned: Array<[string, string]> = [];
  const truncated = new Set<string>();
  for (const [rawKey, rawValue] of entries) {
    if (rawValue === undefined || rawValue === null) continue;
    const key = sanitizeAttributeKey(rawKey);
    if (key === '') continue;
    let value = String(rawValue);
    if (options.mode === 'lambda-response') value = value.replace(LAMBDA_VALUE_CHARACTERS, '_');
    if (options.maxValueBytes !== undefined && utf8Bytes(value) > options.maxValueBytes) {
      value = truncateUtf8(value, options.maxValueBytes);
      truncated.add(key);
    }
    const existing = cleaned.findIndex(([k]) => k === key);
    if (existing >= 0) cleaned.splice(existing, 1);
    cleaned.push([key, value]);
  }

  let total = cleaned.reduce((sum, [k, v]) => sum + utf8Bytes(k) + utf8Bytes(v), 0);
  // Shorten from the lowest-priority entry upwards until the whole map fits.
  for (let i = cleaned.length - 1; i >= 0 && total > maxTotal; i -= 1) {
    const entry = cleaned[i] as [string, string];
    const [key, value] = entry;
    const excess = total - maxTotal;
    const keep = Math.max(0, utf8Bytes(value) - excess);
    const shorter = truncateUtf8(value, keep);
    total -= utf8Bytes(value) - utf8Bytes(shorter);
    entry[1] = shorter;
    truncated.add(key);
    if (total > maxTotal && shorter === '') {
      cleaned.splice(i, 1);
      total -= utf8Bytes(key);
    }
  }
  return { attributes: Object.fromEntries(cleaned), truncated: [...truncated] };
}
