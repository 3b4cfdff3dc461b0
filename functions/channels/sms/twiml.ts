import { fitSmsText, type SmsCharset } from '../../core/sms-charset.ts';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** XML 1.0 forbids most C0 controls even when escaped; drop them rather than emit invalid TwiML. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface ReceiptTwimlInput {
  receiptNo: string;
  /** The message joined the citizen's open complaint instead of opening a new one. */
  joinedExisting: boolean;
  /** Citizen's language when already known (ISO 639-1); the second line uses it, else English. */
  language?: string;
  /** What the citizen's handset can be sent (smsCharsetFor): a line it cannot show is folded, else English. */
  charset?: SmsCharset;
}

type Lines = { created: (n: string) => string; joined: (n: string) => string };

const KOREAN: Lines = {
  created: (n) => `[서울시 120] 민원이 접수되었습니다. 접수번호 ${n}`,
  joined: (n) => `[서울시 120] 진행 중인 민원(접수번호 ${n})에 추가되었습니다.`,
};

const ENGLISH: Lines = {
  created: (n) => `Received, receipt no. ${n}.`,
  joined: (n) => `Added to your open case, receipt no. ${n}.`,
};

// Short fixed lines for the other languages the gateway detects; English for anything else.
const SECOND_LINE: ReadonlyMap<string, Lines> = new Map<string, Lines>([
  ['en', ENGLISH],
  ['zh', { created: (n) => `已受理，受理编号 ${n}。`, joined: (n) => `已添加到您正在处理的投诉（受理编号 ${n}）。` }],
  ['ja', { created: (n) => `受け付けました。受付番号 ${n}`, joined: (n) => `処理中のご相談（受付番号 ${n}）に追加しました。` }],
  ['vi', { created: (n) => `Đã tiếp nhận, số biên nhận ${n}.`, joined: (n) => `Đã thêm vào yêu cầu đang xử lý, số biên nhận ${n}.` }],
  ['mn', { created: (n) => `Хүлээн авлаа. Бүртгэлийн дугаар ${n}.`, joined: (n) => `Таны нээлттэй хүсэлтэд нэмэгдлээ. Бүртгэлийн дугаар ${n}.` }],
]);

/** The receipt text itself, for channels that reply outside TwiML. */
export function receiptText({ receiptNo, joinedExisting, language, charset = 'unicode' }: ReceiptTwimlInput): string {
  const second = (language !== undefined ? SECOND_LINE.get(language) : undefined) ?? ENGLISH;
  const pick = (lines: Lines) => (joinedExisting ? lines.joined(receiptNo) : lines.created(receiptNo));
  const fitted = fitSmsText({ text: pick(second), language: 'und' }, charset);
  // Folded (Vietnamese without tone marks, Mongolian with о/у) still reads; anything worse is English.
  const line = fitted.fallback === undefined || fitted.fallback === 'folded' ? fitted.text : pick(ENGLISH);
  return `${pick(KOREAN)}\n${line}`;
}

/** TwiML answering the webhook with one SMS of this text. */
export function messageTwiml(text: string): string {
  return `${XML_DECLARATION}<Response><Message>${escapeXml(text)}</Message></Response>`;
}

/** TwiML answering the webhook with one SMS that tells the citizen their receipt number. */
export function receiptTwiml(input: ReceiptTwimlInput): string {
  return messageTwiml(receiptText(input));
}

/** TwiML that acknowledges the webhook without sending anything back. */
export function emptyTwiml(): string {
  return `${XML_DECLARATION}<Response></Response>`;
}

export const TWIML_CONTENT_TYPE = 'text/xml; charset=utf-8';
