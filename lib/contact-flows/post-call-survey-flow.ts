import { ROUTED_LANGUAGES, type RoutedLanguage } from '../../functions/core/voice/language-routing.ts';
import { SURVEY_SCORE_ATTRIBUTE } from '../../functions/core/satisfaction/model.ts';
import { FlowBuilder } from './flow-builder.ts';
import type { FlowDocument, PromptSource } from './flow-language.ts';
import { POLLY_VOICES } from './speech.ts';

type L = RoutedLanguage;
type Digit = 1 | 2 | 3 | 4 | 5;
export type PostCallSurveyActionId =
  | 'enable-logging'
  | 'route-by-language'
  | 'hangup'
  | `voice-${L}`
  | `offered-${L}`
  | `question-${L}`
  | `score-${Digit}-${L}`
  | `answered-${Digit}-${L}`
  | `thanks-${L}`;

const DIGITS: readonly Digit[] = [1, 2, 3, 4, 5];

/** The survey's two sentences: read by the language's Polly voice, or recorded prompts for vi and mn. */
export interface SurveySentences {
  question: PromptSource;
  thanks: PromptSource;
}

export const SURVEY_TEXTS: Partial<Record<L, { question: string; thanks: string }>> = {
  ko: {
    question: '상담에 얼마나 만족하셨는지 알려 주십시오. 매우 만족하셨으면 5번, 매우 불만족하셨으면 1번, 1번부터 5번 사이의 번호를 눌러 주십시오.',
    thanks: '소중한 의견 감사합니다. 서울시 120이었습니다.',
  },
  en: { question: 'Please rate this call. Press 5 if you were very satisfied, 1 if you were very dissatisfied, or any number in between.', thanks: 'Thank you for your feedback. This was Seoul 120.' },
  zh: { question: '请为本次咨询评分。非常满意请按5，非常不满意请按1，也可以按1到5之间的任意数字。', thanks: '感谢您的宝贵意见。这里是首尔120。' },
  ja: { question: '今回の相談の満足度をお聞かせください。とても満足の場合は5、とても不満の場合は1、その間は2から4を押してください。', thanks: 'ご意見ありがとうございました。ソウル120でした。' },
};

export interface PostCallSurveyConfig {
  /** The Lambda that stores the survey (functions/handlers/post-call-survey.ts). */
  postCallSurveyLambdaArn: string;
  /** Recorded prompts for the languages Polly has no voice for; without them those callers are not surveyed. */
  recordedSurveyPrompts?: Partial<Record<L, { question: string; thanks: string }>>;
}

function sentencesFor(language: L, config: PostCallSurveyConfig): SurveySentences | undefined {
  const recorded = config.recordedSurveyPrompts?.[language];
  if (POLLY_VOICES[language] && SURVEY_TEXTS[language]) return { question: { Text: SURVEY_TEXTS[language].question }, thanks: { Text: SURVEY_TEXTS[language].thanks } };
  if (recorded) return { question: { PromptId: recorded.question }, thanks: { PromptId: recorded.thanks } };
  return undefined;
}

/**
 * The disconnect flow the main IVR sets (UpdateContactEventHooks, CustomerRemaining): when the
 * counselor hangs up and the caller stays on the line, they are asked in their language (the
 * `language` attribute the IVR set; Korean otherwise) to rate the call with one digit. Reaching
 * the question is recorded as asked; the digit is stored as the `satisfactionScore` contact
 * attribute first and then by the Lambda, which reads it from there. No digit, no record.
 */
export function buildPostCallSurveyFlow(config: PostCallSurveyConfig): FlowDocument {
  const f = new FlowBuilder<PostCallSurveyActionId>('post-call-survey');
  const lambda = (step: 'offered' | 'answered') => ({ arn: config.postCallSurveyLambdaArn, timeoutSeconds: 3, parameters: { step } });
  const surveyed = ROUTED_LANGUAGES.filter((language) => sentencesFor(language, config));
  const entry = (language: L) => (POLLY_VOICES[language] ? (`voice-${language}` as const) : (`offered-${language}` as const));

  f.enableLogging('enable-logging', { next: 'route-by-language' });
  f.compare('route-by-language', '$.Attributes.language', {
    cases: surveyed.map((language) => ({ equals: language, next: entry(language) })),
    onNoMatch: entry('ko'),
  });
  for (const language of surveyed) {
    const sentences = sentencesFor(language, config) as SurveySentences;
    const voice = POLLY_VOICES[language];
    if (voice) f.setVoice(`voice-${language}`, voice, { next: `offered-${language}`, onError: `offered-${language}` });
    f.invokeLambda(`offered-${language}`, lambda('offered'), { next: `question-${language}`, onError: `question-${language}` });
    f.menu(`question-${language}`, { ...sentences.question, timeoutSeconds: 8 }, {
      options: DIGITS.map((digit) => ({ digit: String(digit), next: `score-${digit}-${language}` as const })),
      onTimeout: 'hangup',
      onNoMatch: 'hangup',
      onError: 'hangup',
    });
    for (const digit of DIGITS) {
      f.setAttributes(`score-${digit}-${language}`, { [SURVEY_SCORE_ATTRIBUTE]: String(digit) }, { next: `answered-${digit}-${language}`, onError: `answered-${digit}-${language}` });
      f.invokeLambda(`answered-${digit}-${language}`, lambda('answered'), { next: `thanks-${language}`, onError: `thanks-${language}` });
    }
    f.message(`thanks-${language}`, sentences.thanks, { next: 'hangup', onError: 'hangup' });
  }
  f.disconnect('hangup');
  return f.build('enable-logging');
}
