/**
 * Splitting a long reply into SMS parts. The providers refuse a body over their limit (Twilio
 * 1,600 characters, error 21617; End User Messaging's MessageBody 1..1,600), while the reply API
 * takes 4,000 characters and a translation may be longer. Lengths are counted in UTF-16 code
 * units, which is at least the providers' count (Twilio counts an emoji as more than one).
 */

/** Receipt numbers (functions/core/receipt.ts) and links: never cut, whatever the language. */
const PROTECTED = /\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5}|https?:\/\/\S+/gu;

export interface SplitOptions {
  /** The provider's body limit, in UTF-16 code units. */
  maxUnits: number;
  /** Language of the text, for word boundaries in scripts written without spaces (ja, zh). */
  locale?: string;
}

/**
 * Splits `text` into parts of at most `maxUnits`, numbered `(1/3) `, cutting only between
 * words: at spaces first; a run without spaces (Japanese, Chinese) at the word boundaries of
 * Intl.Segmenter, receipt numbers and links kept whole; only a single token longer than a whole
 * part is cut, between characters (grapheme clusters). Text that fits is returned as is.
 */
export function splitSmsText(text: string, options: SplitOptions): string[] {
  if (text.length <= options.maxUnits) return [text];
  let count = 2;
  for (;;) {
    // "(i/N) " is longest when i has as many digits as N.
    const budget = options.maxUnits - (2 * String(count).length + 4);
    if (budget < 1) throw new RangeError(`an SMS part limit of ${options.maxUnits} leaves no room for text`);
    const chunks = pack(text, budget, options.locale);
    if (String(chunks.length).length <= String(count).length) return chunks.map((chunk, i) => `(${i + 1}/${chunks.length}) ${chunk}`);
    count = chunks.length;
  }
}

function pack(text: string, budget: number, locale: string | undefined): string[] {
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    const trimmed = current.trimEnd();
    if (trimmed !== '') parts.push(trimmed);
    current = '';
  };
  const add = (atom: string, isSpace: boolean) => {
    if (isSpace && current === '') return;
    if (current.length + atom.length <= budget) {
      current += atom;
      return;
    }
    flush();
    if (isSpace) return;
    if (atom.length <= budget) {
      current = atom;
      return;
    }
    for (const piece of refine(atom, budget, locale)) add(piece.text, piece.isSpace);
  };
  for (const chunk of text.split(/(\s+)/u)) if (chunk !== '') add(chunk, /^\s+$/u.test(chunk));
  flush();
  return parts;
}

/** A run longer than a part: its words (receipt numbers and links whole), or its characters when it is one word. */
function refine(run: string, budget: number, locale: string | undefined): Array<{ text: string; isSpace: boolean }> {
  const words = wordsOf(run, locale);
  if (words.length > 1) return words.map((text) => ({ text, isSpace: false }));
  const graphemes = [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(run)].map((s) => s.segment);
  const pieces: string[] = [];
  let piece = '';
  for (const grapheme of graphemes) {
    if (piece.length + grapheme.length > budget) {
      pieces.push(piece);
      piece = '';
    }
    piece += grapheme;
  }
  if (piece !== '') pieces.push(piece);
  return pieces.map((text) => ({ text, isSpace: false }));
}

function wordsOf(run: string, locale: string | undefined): string[] {
  const words: string[] = [];
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  let at = 0;
  for (const match of run.matchAll(PROTECTED)) {
    words.push(...[...segmenter.segment(run.slice(at, match.index))].map((s) => s.segment), match[0]);
    at = match.index + match[0].length;
  }
  words.push(...[...segmenter.segment(run.slice(at))].map((s) => s.segment));
  return words.filter((word) => word !== '');
}
