import { describe, expect, it } from 'vitest';
import { smsHelpText, smsKeywordOf } from '../../../functions/core/sms-keywords.ts';

const sms = (text: string, providerKeyword?: string) => ({ channel: 'sms' as const, text, ...(providerKeyword ? { providerKeyword } : {}) });

describe('smsKeywordOf', () => {
  it.each([
    ['STOP', 'opt-out', 'en'],
    ['stop', 'opt-out', 'en'],
    [' Stop! ', 'opt-out', 'en'],
    ['ＳＴＯＰ', 'opt-out', 'en'],
    ['Opt-Out', 'opt-out', 'en'],
    ['Unsubscribe.', 'opt-out', 'en'],
    ['START', 'opt-in', 'en'],
    ['unstop', 'opt-in', 'en'],
    ['help', 'help', 'en'],
    ['INFO?', 'help', 'en'],
    ['수신거부', 'opt-out', 'ko'],
    ['수신 거부', 'opt-out', 'ko'],
    ['수신거부.', 'opt-out', 'ko'],
    ['수신동의', 'opt-in', 'ko'],
    ['도움말', 'help', 'ko'],
    ['退订', 'opt-out', 'zh'],
    ['退訂', 'opt-out', 'zh'],
    ['订阅', 'opt-in', 'zh'],
    ['帮助', 'help', 'zh'],
    ['配信停止。', 'opt-out', 'ja'],
    ['配信再開', 'opt-in', 'ja'],
    ['ヘルプ', 'help', 'ja'],
    ['Dừng', 'opt-out', 'vi'],
    ['huy', 'opt-out', 'vi'],
    ['Bắt đầu', 'opt-in', 'vi'],
    ['Trợ giúp', 'help', 'vi'],
    ['зогс', 'opt-out', 'mn'],
    ['Эхлэх', 'opt-in', 'mn'],
    ['ТУСЛАМЖ', 'help', 'mn'],
  ] as const)('reads %j as a %s keyword in %s', (text, kind, language) => {
    expect(smsKeywordOf(sms(text))).toEqual({ kind, language, onlyKeyword: true, handledByProvider: false });
  });

  it.each([
    ['a text that contains a keyword', '버스 정류장 수신거부 안내판이 고장났어요'],
    ['a text that begins with one', 'STOP the construction noise at night'],
    ['an answer to a question', 'Yes'],
    ['an everyday word', '거부'],
    ['an empty text', ''],
  ])('reads %s as no keyword', (_label, text) => {
    expect(smsKeywordOf(sms(text))).toBeNull();
  });

  it('reads nothing as a keyword outside SMS', () => {
    expect(smsKeywordOf({ channel: 'chat', text: 'STOP' })).toBeNull();
  });

  it('follows the provider: its opt-out on a longer text changes the preference but leaves the text a message', () => {
    expect(smsKeywordOf(sms('STOP the noise', 'STOP'))).toEqual({ kind: 'opt-out', language: 'en', onlyKeyword: false, handledByProvider: true });
    expect(smsKeywordOf(sms('stop', 'STOP'))).toEqual({ kind: 'opt-out', language: 'en', onlyKeyword: true, handledByProvider: true });
    expect(smsKeywordOf(sms('수신거부', 'STOP'))).toEqual({ kind: 'opt-out', language: 'ko', onlyKeyword: true, handledByProvider: true });
    expect(smsKeywordOf(sms('Yes', 'YES'))).toEqual({ kind: 'opt-in', language: 'en', onlyKeyword: false, handledByProvider: true });
  });

  it('ignores a provider keyword it does not know (a campaign keyword such as JOIN) and reads the text', () => {
    expect(smsKeywordOf(sms('EXAMPLE', 'JOIN'))).toBeNull();
    expect(smsKeywordOf(sms('도움말', 'JOIN'))).toMatchObject({ kind: 'help', handledByProvider: false });
  });
});

describe('smsHelpText', () => {
  it('is the Korean text alone for Korean, and Korean then the citizen\'s language otherwise', () => {
    expect(smsHelpText('ko')).toMatch(/^\[서울시 120\]/);
    expect(smsHelpText('ko')).not.toContain('\n');
    for (const language of ['en', 'zh', 'ja', 'vi', 'mn'] as const) {
      const [korean, second] = smsHelpText(language).split('\n');
      expect(korean).toBe(smsHelpText('ko'));
      expect(second).toContain('120');
    }
  });
});
