// Generates the citizen app's icons (PNG) and its web app manifests, one per language, into
// web/chat/. No network, no image library: a tiny PNG encoder and a bitmap "120".
// Run after changing names or colours: `npx tsx scripts/pwa-assets.ts`; the outputs are committed.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../web/chat/', import.meta.url));
/** The page's accent (web/chat/chat.css --accent) and white. */
const ACCENT = [0x00, 0x3f, 0x8a] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

/** 5×7 bitmaps of the three digits the city's number needs. */
const GLYPHS: Record<string, string[]> = {
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGB PNG (8-bit, no interlace) of `size`², filled by `pixel(x, y)`. */
function png(size: number, pixel: (x: number, y: number) => readonly [number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * "120" in white on the accent colour. `safe` is the share of the side the text may span: a
 * maskable icon keeps it inside the central 80 % circle (W3C Manifest, "maskable" purpose).
 */
function icon(size: number, safe: number): Buffer {
  const text = '120';
  const columns = text.length * 5 + (text.length - 1); // one blank column between digits
  const cell = Math.floor((size * safe) / columns);
  const left = Math.floor((size - columns * cell) / 2);
  const top = Math.floor((size - 7 * cell) / 2);
  return png(size, (x, y) => {
    const column = Math.floor((x - left) / cell);
    const row = Math.floor((y - top) / cell);
    if (x < left || y < top || row >= 7 || column >= columns || column % 6 === 5) return ACCENT;
    const glyph = GLYPHS[text[Math.floor(column / 6)]!]!;
    return glyph[row]![column % 6] === '1' ? WHITE : ACCENT;
  });
}

/** Names and descriptions in the six languages of the site (web/chat/i18n.js). */
const NAMES = {
  ko: { name: '120 다산콜 채팅상담', short_name: '120 상담', description: '서울 120 다산콜센터 채팅 상담과 접수 내역' },
  en: { name: '120 Dasan Call Center chat', short_name: '120 Chat', description: "Chat counselling with Seoul's 120 Dasan Call Center, and your receipts" },
  zh: { name: '120 茶山呼叫中心聊天咨询', short_name: '120 咨询', description: '首尔120茶山呼叫中心聊天咨询与受理记录' },
  ja: { name: '120 茶山コールセンター チャット相談', short_name: '120 相談', description: 'ソウル120茶山コールセンターのチャット相談と受付履歴' },
  vi: { name: 'Tư vấn trò chuyện 120 Dasan', short_name: 'Tư vấn 120', description: 'Tư vấn trò chuyện với Tổng đài 120 Dasan Seoul và các mã tiếp nhận của bạn' },
  mn: { name: '120 Дасан дуудлагын төвийн чат зөвлөгөө', short_name: '120 Зөвлөгөө', description: 'Сөүлийн 120 Дасан дуудлагын төвийн чат зөвлөгөө ба таны хүлээн авсан дугаарууд' },
} as const;

function manifest(lang: keyof typeof NAMES): string {
  return `${JSON.stringify(
    {
      id: '/chat/',
      lang,
      dir: 'ltr',
      ...NAMES[lang],
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#003f8a',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    null,
    2,
  )}\n`;
}

mkdirSync(`${OUT}icons`, { recursive: true });
writeFileSync(`${OUT}icons/icon-192.png`, icon(192, 0.8));
writeFileSync(`${OUT}icons/icon-512.png`, icon(512, 0.8));
writeFileSync(`${OUT}icons/icon-maskable-512.png`, icon(512, 0.55));
for (const lang of Object.keys(NAMES) as Array<keyof typeof NAMES>) writeFileSync(`${OUT}manifest-${lang}.webmanifest`, manifest(lang));
