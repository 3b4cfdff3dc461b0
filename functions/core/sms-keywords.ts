import type { InboundMessage } from '../../schemas/inbound-message.ts';
import type { LanguageCode } from './model.ts';
import { normalizeReceiptNo } from './receipt.ts';

/*
 * SMS opt-out, opt-in and help keywords. A text that is only a keyword is an instruction to the
 * service, not a complaint: it changes the citizen's SMS preference or asks for the help text.
 * Providers handle their own keywords (Twilio's defaults and Advanced Opt-Out, reported as
 * `OptOutType`; End User Messaging's registered keywords, reported as `messageKeyword`) and answer
 * them themselves; the gateway also knows the forms citizens write in its six languages, which
 * no provider knows, and answers those itself. See docs/channels/sms.md and docs/adr/0013-sms-keywords-and-opt-outs.md.
 */

/** `status`: a status keyword and a receipt number ("상태 20261205-XXXXX-XXXXX"), answered with the status. */
export type SmsKeywordKind = 'opt-out' | 'opt-in' | 'help' | 'status';

type KeywordLanguage = Exclude<LanguageCode, 'und'>;

const KEYWORDS: ReadonlyArray<{ kind: SmsKeywordKind; language: KeywordLanguage; words: readonly string[] }> = [
  // Twilio's default opt-out/opt-in/help words and End User Messaging's required opt-out words.
  { kind: 'opt-out', language: 'en', words: ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'OPT-OUT', 'OPT OUT', 'REVOKE', 'REMOVE'] },
  { kind: 'opt-in', language: 'en', words: ['START', 'UNSTOP'] },
  { kind: 'help', language: 'en', words: ['HELP', 'INFO'] },
  { kind: 'opt-out', language: 'ko', words: ['수신거부', '수신중지', '수신차단'] },
  { kind: 'opt-in', language: 'ko', words: ['수신동의', '수신재개'] },
  { kind: 'help', language: 'ko', words: ['도움말', '도움'] },
  { kind: 'opt-out', language: 'zh', words: ['退订', '退訂', '取消订阅', '取消訂閱'] },
  { kind: 'opt-in', language: 'zh', words: ['订阅', '訂閱', '恢复订阅', '恢復訂閱'] },
  { kind: 'help', language: 'zh', words: ['帮助', '幫助'] },
  { kind: 'opt-out', language: 'ja', words: ['配信停止', '停止'] },
  { kind: 'opt-in', language: 'ja', words: ['配信再開'] },
  { kind: 'help', language: 'ja', words: ['ヘルプ'] },
  { kind: 'opt-out', language: 'vi', words: ['DỪNG', 'HỦY', 'TỪ CHỐI'] },
  { kind: 'opt-in', language: 'vi', words: ['BẮT ĐẦU', 'ĐĂNG KÝ'] },
  { kind: 'help', language: 'vi', words: ['TRỢ GIÚP'] },
  { kind: 'opt-out', language: 'mn', words: ['ЗОГС', 'ЗОГСООХ', 'БОЛИХ'] },
  { kind: 'opt-in', language: 'mn', words: ['ЭХЛЭХ'] },
  { kind: 'help', language: 'mn', words: ['ТУСЛАМЖ'] },
];

/** What a provider may report beyond the text: Twilio's OptOutType values and "YES", its default opt-in. */
const PROVIDER_ONLY: ReadonlyMap<string, SmsKeywordKind> = new Map([['YES', 'opt-in']]);

/**
 * One spelling for comparison: compatibility forms folded (fullwidth letters), upper case, Latin
 * and Cyrillic diacritics dropped (Vietnamese is often typed without them), spaces and the
 * punctuation a keyword may be sent with removed. Hangul and kana survive: NFD splits Hangul into
 * conjoining jamo, which are letters, and NFC puts them back.
 */
export function foldKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .normalize('NFC')
    .replace(/Đ/g, 'D')
    .replace(/[\s.!?,~'"“”「」『』。！？、…-]/gu, '');
}

const BY_FOLDED: ReadonlyMap<string, { kind: SmsKeywordKind; language: KeywordLanguage }> = new Map(
  KEYWORDS.flatMap(({ kind, language, words }) => words.map((word) => [foldKeyword(word), { kind, language }] as const)),
);

/** Longest keyword, folded: anything longer cannot be one and is not folded at all. */
const MAX_KEYWORD_LENGTH = 32;

function lookup(text: string): { kind: SmsKeywordKind; language: KeywordLanguage } | null {
  if (text.length > MAX_KEYWORD_LENGTH) return null;
  return BY_FOLDED.get(foldKeyword(text)) ?? null;
}

/** Words that, with a receipt number and nothing else, ask for the complaint's status. */
const STATUS_WORDS: ReadonlyArray<{ language: KeywordLanguage; words: readonly string[] }> = [
  { language: 'ko', words: ['상태', '처리상태', '민원상태', '상태조회', '조회', '진행상황', '처리현황'] },
  { language: 'en', words: ['STATUS', 'STATUS CHECK', 'CHECK STATUS'] },
  { language: 'zh', words: ['状态', '狀態', '查询', '查詢', '进度', '進度'] },
  { language: 'ja', words: ['状況', '状態', '照会', '進捗'] },
  { language: 'vi', words: ['TRẠNG THÁI', 'TÌNH TRẠNG', 'KIỂM TRA'] },
  { language: 'mn', words: ['ТӨЛӨВ', 'ЯВЦ'] },
];

const STATUS_BY_FOLDED: ReadonlyMap<string, KeywordLanguage> = new Map(STATUS_WORDS.flatMap(({ language, words }) => words.map((word) => [foldKeyword(word), language] as const)));

/** A receipt number as typed: eight date characters and two groups of five, dashes or spaces optional. */
const RECEIPT_TOKEN = /(?<![0-9A-Za-z])[0-9A-Za-z]{8}[-\s]?[0-9A-Za-z]{5}[-\s]?[0-9A-Za-z]{5}(?![0-9A-Za-z])/g;

/** The status word and receipt number a text consists of, in either order; null for anything else. */
function statusRequestOf(text: string): { language: KeywordLanguage; receiptNo: string } | null {
  if (text.length > 80) return null;
  const tokens = [...text.matchAll(RECEIPT_TOKEN)];
  if (tokens.length !== 1) return null;
  const token = tokens[0] as RegExpMatchArray;
  const receiptNo = normalizeReceiptNo(token[0]);
  if (!receiptNo) return null;
  const rest = text.slice(0, token.index) + ' ' + text.slice((token.index ?? 0) + token[0].length);
  const language = STATUS_BY_FOLDED.get(foldKeyword(rest.replace(/[:：#]/g, ' ')));
  return language ? { language, receiptNo } : null;
}

export interface SmsKeyword {
  kind: SmsKeywordKind;
  /** The language the keyword is written in: the help text's second line. */
  language: KeywordLanguage;
  /** The whole text is the keyword: no complaint is opened for it. */
  onlyKeyword: boolean;
  /** The provider matched it and did what it does for it (its own answer, its own opt-out list). */
  handledByProvider: boolean;
  /** For `status`: the receipt number asked about, in its canonical form. */
  receiptNo?: string;
}

/**
 * The keyword a text message carries, if any. The provider's report counts first: it has already
 * acted on it (its opt-out list, its answer), so the preference follows it; End User Messaging
 * matches a message that merely begins with a keyword, and Twilio may count "YES" as an opt-in,
 * so such a text still becomes a complaint message. Then the text itself is matched, whole,
 * against every language's forms.
 */
export function smsKeywordOf(message: Pick<InboundMessage, 'channel' | 'text' | 'providerKeyword'>): SmsKeyword | null {
  if (message.channel !== 'sms') return null;
  const inText = lookup(message.text);
  if (message.providerKeyword !== undefined) {
    const reported = foldKeyword(message.providerKeyword);
    const byProvider = BY_FOLDED.get(reported) ?? (PROVIDER_ONLY.has(reported) ? { kind: PROVIDER_ONLY.get(reported) as SmsKeywordKind, language: 'en' as const } : null);
    if (byProvider) {
      // The text is an instruction only when it is one of the forms we know; a provider's opt-in
      // on "YES", or its opt-out on a text that merely begins with STOP, leaves a message to read.
      const onlyKeyword = inText?.kind === byProvider.kind;
      return { ...byProvider, language: inText?.language ?? byProvider.language, onlyKeyword, handledByProvider: true };
    }
  }
  if (inText) return { ...inText, onlyKeyword: true, handledByProvider: false };
  const status = statusRequestOf(message.text.trim());
  return status ? { kind: 'status', language: status.language, onlyKeyword: true, handledByProvider: false, receiptNo: status.receiptNo } : null;
}

const HELP_KO =
  '[서울시 120] 문의나 민원을 문자로 보내 주시면 접수번호를 알려 드립니다. 전화 120(24시간). 수신거부는 "수신거부", 다시 받으려면 "수신동의"라고 보내 주세요.';

const HELP_SECOND_LINE: Readonly<Record<Exclude<KeywordLanguage, 'ko'>, string>> = {
  en: 'Seoul 120: text us your question or complaint and we reply with a receipt number. Call 120 (24h). Reply STOP to opt out, START to opt back in.',
  zh: '首尔120：请用短信发送您的咨询或投诉，我们会回复受理编号。电话120（24小时）。回复"退订"停止接收，回复"订阅"恢复接收。',
  ja: 'ソウル120：ご相談や苦情をSMSでお送りください。受付番号をお知らせします。電話120（24時間）。配信停止は「配信停止」、再開は「配信再開」と返信してください。',
  vi: 'Seoul 120: hãy nhắn câu hỏi hoặc khiếu nại, chúng tôi sẽ trả lời số biên nhận. Gọi 120 (24 giờ). Nhắn DỪNG để ngừng nhận, BẮT ĐẦU để nhận lại.',
  mn: 'Сөүл 120: асуулт, гомдлоо мессежээр илгээнэ үү, бид бүртгэлийн дугаар илгээнэ. Утас 120 (24 цаг). Зогсоох бол ЗОГС, дахин авах бол ЭХЛЭХ гэж бичнэ үү.',
};

/** The 120 help text: Korean, then the citizen's language when it is another one. */
export function smsHelpText(language: LanguageCode): string {
  if (language === 'ko' || language === 'und') return HELP_KO;
  return `${HELP_KO}\n${HELP_SECOND_LINE[language]}`;
}
