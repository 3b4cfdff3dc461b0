import { describe, expect, it } from 'vitest';
import { RESERVATION_LANGUAGES, intakeText, reservationNotice } from '../../../functions/core/reservations/templates.ts';
import { detectLanguage } from '../../../functions/core/language.ts';

const facts = { date: '2025-03-10', time: '14:30', receiptNo: '20250301-ABCDE-FGHJK', contactPreference: 'video' as const };

describe('reservation notices', () => {
  it('has confirmation, reminder and cancellation texts in all six languages naming date, time and receipt number', () => {
    expect(RESERVATION_LANGUAGES.sort()).toEqual(['en', 'ja', 'ko', 'mn', 'vi', 'zh']);
    for (const language of RESERVATION_LANGUAGES) {
      const texts = (['confirmed', 'reminder', 'cancelled'] as const).map((kind) => reservationNotice(kind, language, facts));
      expect(new Set(texts).size).toBe(3);
      for (const text of texts) {
        expect(text).toContain('2025-03-10');
        expect(text).toContain('14:30');
        expect(text).toContain(facts.receiptNo);
        expect([...text].length).toBeLessThanOrEqual(160);
      }
    }
  });

  it('writes the Korean notice in Korean and the Vietnamese one in Vietnamese', () => {
    expect(reservationNotice('confirmed', 'ko', facts)).toMatch(/예약이 확정/);
    expect(reservationNotice('reminder', 'vi', facts)).toMatch(/Nhắc lịch/);
  });

  it('files the intake text in the citizen language so the pipeline records it as theirs', () => {
    expect(detectLanguage(intakeText('ko', facts))).toBe('ko');
    const en = intakeText('en', { ...facts, note: 'I would like help with a housing application please' });
    expect(detectLanguage(en)).toBe('en');
    expect(en).toContain('video call');
  });
});
