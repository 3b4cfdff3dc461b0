import { describe, expect, it } from 'vitest';
import { surveyReplyOf } from '../../../functions/core/satisfaction/survey-answer.ts';
import { surveyQuestion } from '../../../functions/core/satisfaction/survey-texts.ts';

describe('reading a reply to the satisfaction question', () => {
  it('takes a bare digit 1-5, with the units citizens add, fullwidth or not', () => {
    for (const [text, score] of [['5', 5], [' 4 ', 4], ['3점', 3], ['１', 1], ['2 stars', 2], ['5分', 5], ['4点', 4], ['3 điểm', 3], ['5.', 5], ['4!', 4]] as const) {
      expect(surveyReplyOf(text), text).toEqual({ kind: 'score', score });
    }
  });

  it('takes the scale in words of the six languages', () => {
    for (const [text, score] of [['매우 만족', 5], ['만족', 4], ['보통', 3], ['불만족', 2], ['매우 불만족', 1], ['Very satisfied', 5], ['bad', 2], ['非常满意', 5], ['とても不満', 1], ['Rất hài lòng', 5], ['khong hai long', 2], ['маш сэтгэл хангалуун', 5]] as const) {
      expect(surveyReplyOf(text), text).toEqual({ kind: 'score', score });
    }
  });

  it('reads no, 아니요 and their kin as declining the survey', () => {
    for (const text of ['no', 'No thanks', '아니요', '아니오.', '싫어요', '不要', 'いいえ', 'Không', 'ҮГҮЙ']) expect(surveyReplyOf(text), text).toEqual({ kind: 'declined' });
  });

  it('leaves everything else to be a message: numbers out of the scale, and sentences', () => {
    for (const text of ['0', '6', '10', '55', '5번 버스가 안 와요', '만족하지만 가로등이 또 고장났어요', 'STOP', '', 'x'.repeat(100)]) expect(surveyReplyOf(text), text).toBeNull();
  });
});

describe('the satisfaction question', () => {
  it('names the receipt number in the citizen’s language, Korean when the language is unknown', () => {
    expect(surveyQuestion('ko', '20260511-ABCDE-FGHJK')).toContain('20260511-ABCDE-FGHJK');
    expect(surveyQuestion('en', 'R')).toMatch(/^\[Seoul 120\].*1 \(very dissatisfied\) to 5 \(very satisfied\), or NO/);
    expect(surveyQuestion('und', 'R')).toBe(surveyQuestion('ko', 'R'));
    for (const language of ['zh', 'ja', 'vi', 'mn'] as const) expect(surveyQuestion(language, 'R')).not.toBe(surveyQuestion('en', 'R'));
  });
});
