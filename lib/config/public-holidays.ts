/**
 * Korean public holidays (관공서의 공휴일에 관한 규정 제2조, substitute holidays 제3조) for 2026-2028,
 * the days a processing period under the Civil Petitions Act does not count (Act art. 19).
 * Holidays falling on a weekend are listed as the official table lists them; the counting leaves
 * weekends out anyway.
 *
 * Sources (docs/operations/deadlines.md#public-holidays):
 * - 2026 and 2027: the 월력요항 (official calendar data) of the Korea AeroSpace Administration as
 *   published in the gazette, cross-checked with two independent tables (@hyunbinseo/holidays-kr
 *   5.2027.1, python-holidays 0.105). They include 노동절 (May 1, a public holiday from 2026) and
 *   제헌절 (July 17, again a public holiday from 2026), both with substitute holidays.
 * - 2028: computed here by the same rules (no 월력요항 yet): lunar dates from python-holidays'
 *   KASI-based lunisolar table; 설날 2028 is January 27 in Korea (the new moon falls at 00:12
 *   KST), a day after China's new year. Check it against the 월력요항 when it is published
 *   (usually June of the year before).
 * Temporary holidays (임시공휴일) are declared by the cabinet at short notice: add them here.
 */
export interface PublicHoliday {
  /** KST calendar day, YYYY-MM-DD. */
  date: string;
  name: string;
}

export const KOREAN_PUBLIC_HOLIDAYS: readonly PublicHoliday[] = [
  { date: '2026-01-01', name: '1월 1일' },
  { date: '2026-02-16', name: '설날 전날' },
  { date: '2026-02-17', name: '설날' },
  { date: '2026-02-18', name: '설날 다음 날' },
  { date: '2026-03-01', name: '3·1절' },
  { date: '2026-03-02', name: '대체공휴일(3·1절)' },
  { date: '2026-05-01', name: '노동절' },
  { date: '2026-05-05', name: '어린이날' },
  { date: '2026-05-24', name: '부처님 오신 날' },
  { date: '2026-05-25', name: '대체공휴일(부처님 오신 날)' },
  { date: '2026-06-03', name: '제9회 전국동시지방선거' },
  { date: '2026-06-06', name: '현충일' },
  { date: '2026-07-17', name: '제헌절' },
  { date: '2026-08-15', name: '광복절' },
  { date: '2026-08-17', name: '대체공휴일(광복절)' },
  { date: '2026-09-24', name: '추석 전날' },
  { date: '2026-09-25', name: '추석' },
  { date: '2026-09-26', name: '추석 다음 날' },
  { date: '2026-10-03', name: '개천절' },
  { date: '2026-10-05', name: '대체공휴일(개천절)' },
  { date: '2026-10-09', name: '한글날' },
  { date: '2026-12-25', name: '기독탄신일' },

  { date: '2027-01-01', name: '1월 1일' },
  { date: '2027-02-06', name: '설날 전날' },
  { date: '2027-02-07', name: '설날' },
  { date: '2027-02-08', name: '설날 다음 날' },
  { date: '2027-02-09', name: '대체공휴일(설날)' },
  { date: '2027-03-01', name: '3·1절' },
  { date: '2027-05-01', name: '노동절' },
  { date: '2027-05-03', name: '대체공휴일(노동절)' },
  { date: '2027-05-05', name: '어린이날' },
  { date: '2027-05-13', name: '부처님 오신 날' },
  { date: '2027-06-06', name: '현충일' },
  { date: '2027-07-17', name: '제헌절' },
  { date: '2027-07-19', name: '대체공휴일(제헌절)' },
  { date: '2027-08-15', name: '광복절' },
  { date: '2027-08-16', name: '대체공휴일(광복절)' },
  { date: '2027-09-14', name: '추석 전날' },
  { date: '2027-09-15', name: '추석' },
  { date: '2027-09-16', name: '추석 다음 날' },
  { date: '2027-10-03', name: '개천절' },
  { date: '2027-10-04', name: '대체공휴일(개천절)' },
  { date: '2027-10-09', name: '한글날' },
  { date: '2027-10-11', name: '대체공휴일(한글날)' },
  { date: '2027-12-25', name: '기독탄신일' },
  { date: '2027-12-27', name: '대체공휴일(기독탄신일)' },

  { date: '2028-01-01', name: '1월 1일' },
  { date: '2028-01-26', name: '설날 전날' },
  { date: '2028-01-27', name: '설날' },
  { date: '2028-01-28', name: '설날 다음 날' },
  { date: '2028-03-01', name: '3·1절' },
  { date: '2028-04-12', name: '제23대 국회의원선거' },
  { date: '2028-05-01', name: '노동절' },
  { date: '2028-05-02', name: '부처님 오신 날' },
  { date: '2028-05-05', name: '어린이날' },
  { date: '2028-06-06', name: '현충일' },
  { date: '2028-07-17', name: '제헌절' },
  { date: '2028-08-15', name: '광복절' },
  { date: '2028-10-02', name: '추석 전날' },
  { date: '2028-10-03', name: '추석, 개천절' },
  { date: '2028-10-04', name: '추석 다음 날' },
  { date: '2028-10-05', name: '대체공휴일(추석)' },
  { date: '2028-10-09', name: '한글날' },
  { date: '2028-12-25', name: '기독탄신일' },
];
