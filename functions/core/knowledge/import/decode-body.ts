import { decodeCp949 } from './cp949.ts';

/**
 * Files from data.go.kr come in UTF-8 (with or without a BOM) and in CP949, the Windows
 * superset of EUC-KR. A declared charset is honoured; without one, valid UTF-8 is UTF-8 and
 * anything else is read as CP949. Node's TextDecoder('euc-kr') is not used: Node's ICU table
 * is plain EUC-KR (KS X 1001) and turns CP949's 8,822 extra syllables (갂, 똠, 햏, ...) into
 * U+FFFD, while the CP949 table (./cp949.ts) has them.
 */
export type DetectedEncoding = 'utf-8' | 'cp949';

export class UnsupportedCharsetError extends Error {
  override readonly name = 'UnsupportedCharsetError';
  constructor(readonly charset: string) {
    super(`unsupported charset "${charset}": send UTF-8 or CP949/EUC-KR`);
  }
}

const CP949_LABELS = new Set(['euc-kr', 'euckr', 'cp949', 'ms949', 'windows-949', 'uhc', 'ks_c_5601-1987', 'ksc5601', 'x-windows-949']);
const UTF8_LABELS = new Set(['utf-8', 'utf8']);

export function decodeBody(body: Uint8Array | string, declaredCharset?: string): { text: string; encoding: DetectedEncoding } {
  if (typeof body === 'string') return { text: stripBom(body), encoding: 'utf-8' };
  const charset = declaredCharset?.trim().toLowerCase();
  if (charset !== undefined && charset !== '') {
    if (CP949_LABELS.has(charset)) return { text: decodeCp949(body), encoding: 'cp949' };
    if (!UTF8_LABELS.has(charset)) throw new UnsupportedCharsetError(charset);
  }
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(body.subarray(3)), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    // Labelled UTF-8 or not, bytes that are not UTF-8 are almost always an Excel "CSV" saved in CP949.
    return { text: decodeCp949(body), encoding: 'cp949' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `text/csv; charset=EUC-KR` -> { mediaType: 'text/csv', charset: 'EUC-KR' }. */
export function parseContentType(contentType: string | undefined): { mediaType: string; charset?: string } {
  const [type = '', ...params] = (contentType ?? '').split(';');
  let charset: string | undefined;
  for (const param of params) {
    const [name, value] = param.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value) charset = value.trim().replace(/^"|"$/g, '');
  }
  return { mediaType: type.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}
