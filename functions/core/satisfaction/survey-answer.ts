import { foldKeyword } from '../sms-keywords.ts';
import type { SatisfactionScore } from './model.ts';

/*
 * What a citizen's reply to the satisfaction question says (docs/operations/statistics.md): a
 * bare digit 1-5 (with or without "점", "stars", "分"...), one of the scale's words in the six
 * languages, or "no" to stop being asked. Anything else is an ordinary message. The pipeline
 * asks this only of a citizen whose closed complaint awaits an answer (survey-intake.ts), so
 * "5" or "no" from anyone else opens a complaint as before.
 */
export type SurveyReply = { kind: 'score'; score: SatisfactionScore } | { kind: 'declined' };

const SCORE_WORDS: ReadonlyArray<readonly [SatisfactionScore, readonly string[]]> = [
  [5, ['매우만족', '아주만족', '매우좋음', 'VERYSATISFIED', 'EXCELLENT', '非常满意', '非常滿意', 'とても満足', '大変満足', 'RATHAILONG', 'МАШСЭТГЭЛХАНГАЛУУН', 'FIVE', '다섯', '五', 'NAM', 'ТАВ']],
  [4, ['만족', '좋음', 'SATISFIED', 'GOOD', '满意', '滿意', '満足', 'HAILONG', 'СЭТГЭЛХАНГАЛУУН', 'FOUR', '넷', '四', 'BON', 'ДӨРӨВ']],
  [3, ['보통', 'NEUTRAL', '一般', '普通', 'BINHTHUONG', 'ДУНДЗЭРЭГ', 'THREE', '셋', '三', 'BA', 'ГУРАВ']],
  [2, ['불만족', '불만', '나쁨', 'DISSATISFIED', 'BAD', 'POOR', '不满意', '不滿意', '不満', 'KHONGHAILONG', 'СЭТГЭЛДУНДУУР', 'TWO', '둘', '二', 'HAI', 'ХОЁР']],
  [1, ['매우불만족', '매우나쁨', 'VERYDISSATISFIED', 'TERRIBLE', '非常不满意', '非常不滿意', 'とても不満', '大変不満', 'RATKHONGHAILONG', 'МАШСЭТГЭЛДУНДУУР', 'ONE', '하나', '一', 'MOT', 'НЭГ']],
];

const DECLINE_WORDS: readonly string[] = ['NO', 'NOTHANKS', 'NOPE', '아니요', '아니오', '아니', '싫어요', '싫어', '거절', '안할래요', '不', '不要', '不用', '不用了', 'いいえ', '結構です', 'けっこうです', 'KHONG', 'KHONGCAM', 'ҮГҮЙ'];

/** Units a score may carry: 5점, 5 stars, 5分, 5点, 5 điểm, 5 оноо. */
const SCORE_UNIT = /^([1-5])(점|STARS?|分|点|DIEM|ОНОО)?$/u;

/** The SMS keywords' spelling for comparison (case, width, diacritics, spacing, closing punctuation). */
const fold = foldKeyword;

const BY_WORD: ReadonlyMap<string, SurveyReply> = new Map<string, SurveyReply>([
  ...SCORE_WORDS.flatMap(([score, words]) => words.map((word): [string, SurveyReply] => [fold(word), { kind: 'score', score }])),
  ...DECLINE_WORDS.map((word): [string, SurveyReply] => [fold(word), { kind: 'declined' }]),
]);

/** Anything longer cannot be one of the answers, and is not folded at all. */
const MAX_ANSWER_LENGTH = 40;

export function surveyReplyOf(text: string): SurveyReply | null {
  if (text.length > MAX_ANSWER_LENGTH) return null;
  const folded = fold(text);
  const digit = SCORE_UNIT.exec(folded);
  if (digit) return { kind: 'score', score: Number(digit[1]) as SatisfactionScore };
  return BY_WORD.get(folded) ?? null;
}
