import { describe, expect, it } from 'vitest';
import { smsKeywordOf } from '../../../functions/core/sms-keywords.ts';

const sms = (text: string, providerKeyword?: string) => ({ channel: 'sms' as const, text, ...(providerKeyword ? { providerKeyword } : {}) });
const receiptNo = '20261205-7K3QZ-M8D1X';

describe('status keyword and receipt number texted in', () => {
  it.each([
    ['상태 20261205-7K3QZ-M8D1X', 'ko'],
    ['상태조회 20261205-7K3QZ-M8D1X', 'ko'],
    ['  처리상태: 20261205-7k3qz-m8d1x ', 'ko'],
    ['20261205-7K3QZ-M8D1X 상태', 'ko'],
    ['status 20261205-7K3QZ-M8D1X', 'en'],
    ['STATUS 202612057K3QZM8D1X', 'en'],
    ['Status: 20261205 7K3QZ M8D1X', 'en'],
    ['状态 20261205-7K3QZ-M8D1X', 'zh'],
    ['查詢 20261205-7K3QZ-M8D1X', 'zh'],
    ['状況 20261205-7K3QZ-M8D1X', 'ja'],
    ['trạng thái 20261205-7K3QZ-M8D1X', 'vi'],
    ['TRANG THAI 20261205-7K3QZ-M8D1X', 'vi'],
    ['төлөв 20261205-7K3QZ-M8D1X', 'mn'],
    ['상태 20261205-7K3QZ-M8D1X.', 'ko'],
  ])('%j is a status request in %s, for the receipt number as issued', (text, language) => {
    expect(smsKeywordOf(sms(text))).toEqual({ kind: 'status', language, onlyKeyword: true, handledByProvider: false, receiptNo });
  });

  it('folds Crockford look-alikes in the number as receipt lookups do', () => {
    expect(smsKeywordOf(sms('status 2026I2O5-7K3QZ-M8DIX'))).toMatchObject({ kind: 'status', receiptNo });
    expect(smsKeywordOf(sms('status 20261205-7K3QZ-M8DlX'))).toMatchObject({ kind: 'status', receiptNo });
  });

  it.each([
    '상태 확인 부탁드립니다 20261205-7K3QZ-M8D1X',
    '상태가 이상해요',
    '20261205-7K3QZ-M8D1X',
    '상태',
    'status of the bus stop sign 20261205-7K3QZ-M8D1X',
    '상태 20261205-7K3QZ',
    '수리 상태 20261205-7K3QZ-M8D1X 20261205-7K3QZ-M8D1Y',
  ])('%j is an ordinary message', (text) => {
    expect(smsKeywordOf(sms(text))).toBeNull();
  });

  it('keeps the opt-out, opt-in and help words as they were', () => {
    expect(smsKeywordOf(sms('수신거부'))).toMatchObject({ kind: 'opt-out', onlyKeyword: true });
    expect(smsKeywordOf(sms('STOP', 'STOP'))).toMatchObject({ kind: 'opt-out', handledByProvider: true });
  });

  it('is about SMS only', () => {
    expect(smsKeywordOf({ channel: 'chat', text: 'status 20261205-7K3QZ-M8D1X' })).toBeNull();
  });
});
