import cp949Table from 'iconv-lite/encodings/tables/cp949.json' with { type: 'json' };

/*
 * CP949 (Windows code page 949, "UHC"), the superset of EUC-KR that Korean open-data CSV files
 * come in. Only the decoding table of iconv-lite is used, not the library: iconv-lite's entry
 * module carries every encoding it knows (about 266 KB of a minified bundle against 38 KB for
 * this one table), which put the knowledge function above its cold-start budget (ADR 0008).
 *
 * The table is a list of chunks `[startHex, ...parts]`: a string part maps its characters to
 * consecutive codes from the current one; a number part n maps the next n codes to the code
 * points following the previous one. Malformed input decodes the way iconv-lite and WHATWG do:
 * an unmapped pair gives U+FFFD for the lead byte and the trail byte is read again on its own.
 */
type Chunk = [string, ...(string | number)[]];

const REPLACEMENT = 0xfffd;
const UNMAPPED = -1;

let decodeTable: Int32Array | null = null;
let leadBytes: Uint8Array | null = null;

function buildTables(): { table: Int32Array; leads: Uint8Array } {
  const table = new Int32Array(0x10000).fill(UNMAPPED);
  const leads = new Uint8Array(0x100);
  for (const [startHex, ...parts] of cp949Table as Chunk[]) {
    let code = Number.parseInt(startHex, 16);
    if (code > 0xff) leads[code >> 8] = 1;
    for (const part of parts) {
      if (typeof part === 'number') {
        let next = (table[code - 1] ?? UNMAPPED) + 1;
        for (let i = 0; i < part; i += 1) table[code++] = next++;
        continue;
      }
      for (const char of part) table[code++] = char.codePointAt(0) ?? REPLACEMENT;
    }
  }
  return { table, leads };
}

/** Decodes CP949 bytes to a string (U+FFFD for what does not decode). */
export function decodeCp949(bytes: Uint8Array): string {
  if (!decodeTable || !leadBytes) ({ table: decodeTable, leads: leadBytes } = buildTables());
  const table = decodeTable;
  const leads = leadBytes;
  const out: number[] = [];
  let text = '';
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    let codePoint: number;
    if (leads[byte] === 1) {
      const trail = bytes[i + 1];
      const mapped = trail === undefined ? UNMAPPED : table[(byte << 8) | trail]!;
      if (mapped === UNMAPPED) codePoint = REPLACEMENT;
      else {
        codePoint = mapped;
        i += 1;
      }
    } else {
      const mapped = table[byte]!;
      codePoint = mapped === UNMAPPED ? REPLACEMENT : mapped;
    }
    out.push(codePoint);
    // Flushed in slices: String.fromCodePoint takes its arguments on the stack.
    if (out.length >= 8192) {
      text += String.fromCodePoint(...out);
      out.length = 0;
    }
  }
  return text + String.fromCodePoint(...out);
}
