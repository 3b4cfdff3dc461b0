import { FOREIGN_MENU, FOREIGN_MENU_DIGIT, type RoutedLanguage } from '../../functions/core/voice/language-routing.ts';
import type { PromptSource } from './flow-language.ts';

/** Sentences the flows speak; one set per language that has an Amazon Polly voice. */
export interface SpokenTexts {
  pleaseWait: string;
  afterHours: string;
  queueFull: string;
  happyCallMenu: string;
  happyCallOptOutConfirmed: string;
  happyCallGoodbye: string;
  happyCallBusy: string;
  /** Offers status notices by SMS (issue 12): 1 consents. */
  smsNoticesMenu: string;
}

/**
 * Amazon Polly has Korean (Seoyeon), English, Mandarin (Zhiyu) and Japanese (Kazuha) voices but no
 * Vietnamese or Mongolian voice, so those two languages are spoken from recorded prompts.
 */
export const POLLY_VOICES: Partial<Record<RoutedLanguage, { name: string; engine: 'Neural' | 'Standard' }>> = {
  ko: { name: 'Seoyeon', engine: 'Neural' },
  en: { name: 'Joanna', engine: 'Neural' },
  zh: { name: 'Zhiyu', engine: 'Neural' },
  ja: { name: 'Kazuha', engine: 'Neural' },
};

/** Recorded prompts (Amazon Connect prompt ARNs) for a language without a Polly voice. */
export interface RecordedPrompts {
  pleaseWait: string;
  afterHours: string;
  queueFull: string;
  happyCallMenu: string;
  happyCallOptOutConfirmed: string;
  happyCallGoodbye: string;
  happyCallBusy: string;
  /** The SMS notices offer; without it the offer is not made in this language. */
  smsNoticesMenu?: string;
}

/**
 * How a language is spoken. `counselor-first` is the fallback when a language has neither a
 * Polly voice nor recorded prompts: the caller is queued without any synthesized sentence (a
 * wrong-language voice would be worse than silence) and the counselor opens the conversation.
 */
export type LanguageSpeech =
  | { kind: 'tts'; voice: { name: string; engine: 'Neural' | 'Standard' }; texts: SpokenTexts }
  | { kind: 'recorded'; prompts: RecordedPrompts }
  | { kind: 'counselor-first' };

/** The main IVR's Korean sentences, read by the Korean voice (no other language inside). */
export const KOREAN_IVR = {
  welcome: '안녕하십니까. 서울시 120 민원 상담 센터입니다. 이 통화는 상담 품질 향상을 위해 녹음됩니다.',
  mainMenu: `외국어 상담은 ${FOREIGN_MENU_DIGIT}번을 눌러 주십시오. 그대로 기다리시면 상담사와 연결해 드리겠습니다.`,
  sorry: '죄송합니다. 일시적인 문제로 연결할 수 없습니다. 잠시 후 다시 걸어 주십시오.',
} as const;

/** Their English counterparts for foreign callers, read by the English voice after the Korean. */
export const ENGLISH_IVR = {
  foreignMenuHint: `For foreign languages, press ${FOREIGN_MENU_DIGIT}.`,
  sorry: 'We are sorry, we cannot connect your call right now. Please call again later.',
} as const;

export const FOREIGN_MENU_TEXT = FOREIGN_MENU.map(
  (o) => `For ${{ en: 'English', zh: 'Chinese', ja: 'Japanese', vi: 'Vietnamese', mn: 'Mongolian' }[o.language]}, press ${o.digit}.`,
).join(' ');

export const SPOKEN_TEXTS: Partial<Record<RoutedLanguage, SpokenTexts>> = {
  ko: {
    pleaseWait: '곧 상담사와 연결됩니다. 잠시만 기다려 주십시오.',
    afterHours: '지금은 상담 시간이 아닙니다. 문자로 120번에 남겨 주시면 상담사가 다시 연락드리겠습니다.',
    queueFull: '지금은 모든 상담사가 통화 중입니다. 문자로 120번에 남겨 주시면 상담사가 다시 전화드리겠습니다.',
    happyCallMenu: '안녕하십니까. 서울시 120 해피콜입니다. 상담사와 통화하시려면 1번, 이 전화를 그만 받으시려면 9번을 눌러 주십시오.',
    happyCallOptOutConfirmed: '해피콜 수신이 중단되었습니다. 감사합니다.',
    happyCallGoodbye: '감사합니다. 다음에 다시 연락드리겠습니다.',
    happyCallBusy: '지금은 모든 상담사가 통화 중입니다. 다음에 다시 연락드리겠습니다.',
    smsNoticesMenu: '민원 처리 상황을 문자 메시지로 받으시려면 1번을 눌러 주십시오.',
  },
  en: {
    pleaseWait: 'You will be connected to a counselor shortly. Please hold.',
    afterHours: 'Our counselors are not available right now. Please text 120 and a counselor will call you back.',
    queueFull: 'All counselors are busy. Please text 120 and a counselor will call you back.',
    happyCallMenu: 'Hello, this is the Seoul 120 happy call. To talk with a counselor, press 1. To stop receiving these calls, press 9.',
    happyCallOptOutConfirmed: 'You will no longer receive these calls. Thank you.',
    happyCallGoodbye: 'Thank you. We will call you again next time.',
    happyCallBusy: 'All counselors are busy. We will call you again next time.',
    smsNoticesMenu: 'To get updates on your complaint by text message, press 1.',
  },
  zh: {
    pleaseWait: '即将为您接通咨询员，请稍候。',
    afterHours: '目前不在咨询时间。请发短信至120，咨询员会给您回电。',
    queueFull: '所有咨询员正在通话中。请发短信至120，咨询员会给您回电。',
    happyCallMenu: '您好，这里是首尔120关怀电话。如需与咨询员通话，请按1。如不想再接到此类电话，请按9。',
    happyCallOptOutConfirmed: '您将不再接到此类电话。谢谢。',
    happyCallGoodbye: '谢谢。我们下次再联系您。',
    happyCallBusy: '所有咨询员正在通话中。我们下次再联系您。',
    smsNoticesMenu: '如需通过短信接收投诉处理进度，请按1。',
  },
  ja: {
    pleaseWait: 'まもなく相談員におつなぎします。少々お待ちください。',
    afterHours: 'ただいま相談時間外です。120番にショートメッセージを送っていただければ、相談員から折り返しお電話します。',
    queueFull: 'ただいま相談員がすべて通話中です。120番にショートメッセージを送っていただければ、折り返しお電話します。',
    happyCallMenu: 'こんにちは。ソウル120のハッピーコールです。相談員と話す場合は1を、今後この電話を受けない場合は9を押してください。',
    happyCallOptOutConfirmed: '今後この電話はおかけしません。ありがとうございました。',
    happyCallGoodbye: 'ありがとうございました。また次回ご連絡します。',
    happyCallBusy: 'ただいま相談員がすべて通話中です。また次回ご連絡します。',
    smsNoticesMenu: 'ご相談の対応状況をショートメッセージで受け取る場合は、1を押してください。',
  },
};

/** Chooses how each language is spoken: Polly when it has a voice, else recorded prompts, else counselor-first. */
export function speechFor(language: RoutedLanguage, recorded: Partial<Record<RoutedLanguage, RecordedPrompts>>): LanguageSpeech {
  const voice = POLLY_VOICES[language];
  const texts = SPOKEN_TEXTS[language];
  if (voice && texts) return { kind: 'tts', voice, texts };
  const prompts = recorded[language];
  if (prompts) return { kind: 'recorded', prompts };
  return { kind: 'counselor-first' };
}

/** The prompt source for one sentence, or undefined for a counselor-first language. */
export function say(speech: LanguageSpeech, key: Exclude<keyof SpokenTexts, 'smsNoticesMenu'>): PromptSource | undefined {
  if (speech.kind === 'tts') return { Text: speech.texts[key] };
  if (speech.kind === 'recorded') return { PromptId: speech.prompts[key] };
  return undefined;
}

/** The SMS notices offer in a language, or undefined when it has no way to say it (no recorded prompt, counselor-first). */
export function smsNoticesOffer(speech: LanguageSpeech): PromptSource | undefined {
  if (speech.kind === 'tts') return { Text: speech.texts.smsNoticesMenu };
  if (speech.kind === 'recorded' && speech.prompts.smsNoticesMenu) return { PromptId: speech.prompts.smsNoticesMenu };
  return undefined;
}
