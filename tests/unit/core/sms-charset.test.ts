import { describe, expect, it } from 'vitest';
import { fitSmsText, isRepresentable, smsCharsetFor } from '../../../functions/core/sms-charset.ts';

const RECEIPT = '20260302-7K3QX-9ZB4M';

describe('what a destination handset can show', () => {
  it('knows Twilio delivers only EUC-KR characters to South Korean numbers, and Unicode elsewhere and through End User Messaging', () => {
    expect(smsCharsetFor('twilio', '+821055550123')).toBe('euc-kr');
    expect(smsCharsetFor('twilio', '+84912345678')).toBe('unicode');
    expect(smsCharsetFor('aws-eum', '+821055550123')).toBe('unicode');
  });

  it('tells EUC-KR text (ASCII, Hangul, kana, Russian Cyrillic) from what it cannot carry (Vietnamese tones, Mongolian ө/ү, simplified Chinese, emoji)', () => {
    expect(isRepresentable(`[서울시 120] 접수번호 ${RECEIPT} あア АБВ`, 'euc-kr')).toBe(true);
    for (const text of ['Đã tiếp nhận', 'Хүлээн авлаа', '已受理，受理编号', '감사합니다 😊']) expect(isRepresentable(text, 'euc-kr'), text).toBe(false);
    expect(isRepresentable('Đã tiếp nhận 😊', 'unicode')).toBe(true);
  });
});

describe('fitting a reply to the destination\'s characters', () => {
  it('leaves text the handset can show as it is', () => {
    expect(fitSmsText({ text: '내일 수리합니다', language: 'ko' }, 'euc-kr')).toEqual({ text: '내일 수리합니다', language: 'ko' });
  });

  it('sends Vietnamese without its diacritics (readable, the way Vietnamese is often texted), the receipt number intact', () => {
    const fitted = fitSmsText({ text: `Chúng tôi sẽ sửa đèn đường vào ngày mai. Số biên nhận ${RECEIPT}.`, language: 'vi' }, 'euc-kr');
    expect(fitted).toEqual({ text: `Chung toi se sua đen đuong vao ngay mai. So bien nhan ${RECEIPT}.`, language: 'vi', fallback: 'folded' });
    expect(isRepresentable(fitted.text, 'euc-kr')).toBe(true);
  });

  it('sends Mongolian with ө and ү written as о and у (Cyrillic letters Korean phones show)', () => {
    const fitted = fitSmsText({ text: `Хүсэлтийг хүлээн авлаа. Бүртгэлийн дугаар ${RECEIPT}.`, language: 'mn' }, 'euc-kr');
    expect(fitted).toEqual({ text: `Хусэлтийг хулээн авлаа. Буртгэлийн дугаар ${RECEIPT}.`, language: 'mn', fallback: 'folded' });
  });

  it('falls back to the Korean original, under an English line saying why, when the translation cannot be shown at all', () => {
    const fitted = fitSmsText({ text: `我们明天修理路灯。受理编号 ${RECEIPT}`, language: 'zh' }, 'euc-kr', { text: `내일 가로등을 수리합니다. 접수번호 ${RECEIPT}`, language: 'ko' });
    expect(fitted.language).toBe('ko');
    expect(fitted.fallback).toBe('korean');
    expect(fitted.text).toBe(`[Korean only: your language cannot be shown on Korean phones]\n내일 가로등을 수리합니다. 접수번호 ${RECEIPT}`);
    expect(isRepresentable(fitted.text, 'euc-kr')).toBe(true);
  });

  it('drops emoji and marks other characters it cannot carry, rather than letting the handset show garbage', () => {
    const fitted = fitSmsText({ text: '감사합니다 😊 똠방각하', language: 'ko' }, 'euc-kr');
    expect(fitted).toEqual({ text: '감사합니다 ?방각하', language: 'ko', fallback: 'stripped' });
  });
});
