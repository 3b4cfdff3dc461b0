/** Why a webhook body could not be read; its message is safe to return in a 400. */
export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
}

export interface FormBodyOptions {
  /** API Gateway sets isBase64Encoded when it passes the body through as binary. */
  isBase64Encoded?: boolean;
  /** Decoded size cap; Twilio bodies are a few KB, so anything near this is not Twilio. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses an application/x-www-form-urlencoded body into name -> value.
 * Stricter than URLSearchParams on purpose: every received parameter is part of the signed
 * string, so a body we cannot decode unambiguously (bad percent escapes, invalid UTF-8,
 * repeated names) is refused rather than guessed at.
 */
export function parseFormBody(body: string | null | undefined, options: FormBodyOptions = {}): Record<string, string> {
  if (body === null || body === undefined || body.length === 0) throw new FormBodyError('request body is empty');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const text = options.isBase64Encoded ? decodeBase64(body, maxBytes) : body;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw new FormBodyError(`request body exceeds ${maxBytes} bytes`);

  const entries = new Map<string, string>();
  for (const pair of text.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new FormBodyError(eq === 0 ? 'form parameter with an empty name' : 'form parameter without "="');
    const name = decodeComponent(pair.slice(0, eq));
    const value = decodeComponent(pair.slice(eq + 1));
    if (entries.has(name)) throw new FormBodyError(`form parameter "${truncate(name)}" appears more than once`);
    entries.set(name, value);
  }
  if (entries.size === 0) throw new FormBodyError('request body has no form parameters');
  return Object.fromEntries(entries);
}

function decodeBase64(body: string, maxBytes: number): string {
  const compact = body.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) throw new FormBodyError('request body is not valid base64');
  if ((compact.length / 4) * 3 > maxBytes + 2) throw new FormBodyError(`request body exceeds ${maxBytes} bytes`);
  try {
    return utf8.decode(Buffer.from(compact, 'base64'));
  } catch {
    throw new FormBodyError('request body is not valid UTF-8');
  }
}

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new FormBodyError('form body has an invalid percent-escape or invalid UTF-8');
  }
}

function truncate(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}
