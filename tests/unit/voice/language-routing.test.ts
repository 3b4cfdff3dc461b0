import { describe, expect, it } from 'vitest';
import { languageForMenuDigit, languageFromLocale, queueKeyFor, resolveContactLanguage } from '../../../functions/core/voice/language-routing.ts';

describe('language routing', () => {
  it('maps the foreign menu digits 1-5 to en, zh, ja, vi, mn and nothing else', () => {
    expect(['1', '2', '3', '4', '5'].map(languageForMenuDigit)).toEqual(['en', 'zh', 'ja', 'vi', 'mn']);
    expect(languageForMenuDigit('6')).toBeUndefined();
    expect(languageForMenuDigit('9')).toBeUndefined();
  });

  it('reads BCP-47 locales, including Mandarin written cmn', () => {
    expect(['ko-KR', 'en-US', 'cmn-CN', 'zh-TW', 'ja-JP', 'vi-VN', 'mn-MN', 'fr-FR'].map(languageFromLocale)).toEqual(['ko', 'en', 'zh', 'zh', 'ja', 'vi', 'mn', undefined]);
  });

  it('sends an undetermined language to the Korean queue', () => {
    expect(queueKeyFor('und')).toBe('ko');
    expect(queueKeyFor('mn')).toBe('mn');
  });

  it('trusts a menu choice over an attribute over the contact locale', () => {
    expect(resolveContactLanguage({ menuDigit: '4', attribute: 'en', locale: 'ja-JP' })).toEqual({ language: 'vi', source: 'menu' });
    expect(resolveContactLanguage({ attribute: 'en', locale: 'ja-JP' })).toEqual({ language: 'en', source: 'attribute' });
    expect(resolveContactLanguage({ locale: 'ja-JP' })).toEqual({ language: 'ja', source: 'locale' });
    expect(resolveContactLanguage({})).toEqual({ language: 'ko', source: 'default' });
  });
});
