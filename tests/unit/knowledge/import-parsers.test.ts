import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, parseContentType, UnsupportedCharsetError } from '../../../functions/core/knowledge/import/decode-body.ts';
import { jsonElementLines } from '../../../functions/core/knowledge/import/json-element-lines.ts';
import { parseNdjson } from '../../../functions/core/knowledge/import/ndjson.ts';
import { parseOpenDataCsv } from '../../../functions/core/knowledge/import/open-data-csv.ts';
import { parseCasesJson } from '../../../functions/core/knowledge/import/open-data-json.ts';
import { parseSourceDate } from '../../../functions/core/knowledge/import/source-dates.ts';

const HEADER = '일련번호,FAQ구분,대분류코드,대분류명,질문,수정일시,업무개요,접수처,신고기한,신청방법,과태료,구비서류,처리절차';

describe('decoding an import body', () => {
  it('reads CP949 including the syllables only CP949 has (갂, 똠), which plain EUC-KR turns into U+FFFD', () => {
    const bytes = iconv.encode('갂 똠방각하 주차', 'cp949');
    expect(decodeBody(bytes).text).toBe('갂 똠방각하 주차');
    expect(decodeBody(bytes, 'EUC-KR')).toEqual({ text: '갂 똠방각하 주차', encoding: 'cp949' });
  });

  it('reads UTF-8 with and without a BOM', () => {
    const text = '대분류명,질문';
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text).toBe(text);
    expect(decodeBody(Buffer.from(text)).encoding).toBe('utf-8');
  });

  it('refuses a charset it cannot read, by name', () => {
    expect(() => decodeBody(Buffer.from('x'), 'shift_jis')).toThrow(UnsupportedCharsetError);
    expect(parseContentType('text/csv; charset="EUC-KR"')).toEqual({ mediaType: 'text/csv', charset: 'EUC-KR' });
  });
});

describe('open-data CSV', () => {
  it('imports good rows, reports bad ones by the line they start on, and keeps quoted line breaks', () => {
    const csv = [
      HEADER,
      '1001,일반,A02,주차,불법 주차 신고는 어디에 하나요?,2024-03-05 10:00:00,,구청 주차관리과,,"안전신문고 앱,',
      '120 전화",,,',
      '',
      '1002,일반,A04,상수도,,2024-03-05,,,,,,,',
      '1003,일반,A04,상수도,수도요금 고지서,2024-13-40,업무개요,,,,,,',
      '1004,일반,A04,상수도,수도요금 고지서를 잃어버렸어요,20240306,고객번호로 재발급합니다,수도사업소,,,,,',
      '1005,일반,A05',
    ].join('\r\n');
    const parsed = parseOpenDataCsv(csv);
    expect(parsed.rows.map((r) => [r.line, r.proposal.caseId])).toEqual([
      [2, '120-1001'],
      [7, '120-1004'],
    ]);
    expect(parsed.rows[0]!.proposal.content.fields.applicationMethod).toBe('안전신문고 앱,\n120 전화');
    expect(parsed.rows[0]!.proposal.content.answer).toBe('신청방법: 안전신문고 앱,\n120 전화');
    expect(parsed.rows[1]!.proposal.updatedAt).toBe('2024-03-05T15:00:00.000Z');
    expect(parsed.rejected).toEqual([
      { line: 5, reason: '질문 is empty' },
      { line: 6, reason: '수정일시 "2024-13-40" is not a date (YYYY-MM-DD[ HH:mm[:ss]])' },
      { line: 8, reason: 'has 3 fields, the header has 13' },
    ]);
  });

  it('reports an unclosed quote and still imports the rows before it', () => {
    const parsed = parseOpenDataCsv([HEADER, '1,일반,A01,교통,택시 승차거부,,승차거부는 신고할 수 있습니다,,,,,,', '2,일반,A01,교통,"닫히지 않은 따옴표,,,,,,,,'].join('\n'));
    expect(parsed.rows.map((r) => r.proposal.caseId)).toEqual(['120-1']);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]!.reason).toMatch(/unreadable CSV/);
  });

  it('names the missing required columns', () => {
    expect(parseOpenDataCsv('번호,질문\n1,무엇').rejected).toEqual([{ line: 1, reason: 'missing column(s) 대분류명; found 번호, 질문' }]);
  });

  it('takes translations and keywords from our optional columns', () => {
    const parsed = parseOpenDataCsv('일련번호,대분류명,질문,답변,키워드,제목_en,답변_vi\n7,외국인,외국인 등록은?,출입국청에서 합니다,"외국인등록, 비자",Alien registration,Đăng ký tại cục xuất nhập cảnh');
    expect(parsed.rows[0]!.proposal.content).toMatchObject({
      keywords: ['외국인등록', '비자'],
      translations: { en: { title: 'Alien registration' }, vi: { answer: 'Đăng ký tại cục xuất nhập cảnh' } },
    });
  });
});

describe('NDJSON', () => {
  it('reports each bad line with why, and accepts Korean structured field names', () => {
    const text = [
      JSON.stringify({ caseId: 'kb-1', category: '교통', title: '따릉이', question: '따릉이 대여?', answer: '앱으로 빌립니다', 신청방법: '앱', keywords: ['따릉이'] }),
      '{not json',
      '',
      JSON.stringify({ caseId: 'kb 2', category: '교통', title: 't', question: 'q', answer: 'a' }),
      JSON.stringify({ caseId: 'kb-3', category: '교통', title: 't', question: 'q', answer: '' }),
      JSON.stringify({ caseId: 'kb-4', category: '교통', title: 't', question: 'q', answer: 'a', updatedAt: 'yesterday' }),
    ].join('\n');
    const parsed = parseNdjson(text);
    expect(parsed.rows.map((r) => [r.line, r.proposal.content.fields])).toEqual([[1, { applicationMethod: '앱' }]]);
    expect(parsed.rejected.map((r) => r.line)).toEqual([2, 4, 5, 6]);
    expect(parsed.rejected[0]!.reason).toMatch(/^not JSON/);
    expect(parsed.rejected[1]!.reason).toMatch(/^caseId: caseId must be/);
    expect(parsed.rejected[2]!.reason).toMatch(/^answer: /);
    expect(parsed.rejected[3]!.reason).toMatch(/updatedAt: "yesterday" is not a date/);
  });
});

describe('JSON', () => {
  it('finds the records in the data.go.kr wrappers and reports a bad one by its line', () => {
    const text = JSON.stringify(
      { response: { header: { resultCode: '00' }, body: { items: { item: [{ 일련번호: '1', 대분류명: '교통', 질문: '막차 시간', 답변: '역마다 다릅니다' }, { 일련번호: '2', 대분류명: '교통' }] } } } },
      null,
      2,
    );
    const parsed = parseCasesJson(text);
    expect(parsed.rows.map((r) => r.proposal.caseId)).toEqual(['120-1']);
    const line = text.split('\n').findIndex((l) => l.includes('"일련번호": "2"'));
    expect(parsed.rejected).toEqual([{ line, reason: '질문 is empty' }]);
  });

  it('locates each element of an array at a path, whatever the nesting and strings hold', () => {
    const text = '{"a": "[{,\\"", "records": [\n{"x": [1, {"y": 2}]},\n  "s",\n  3\n]}';
    expect(jsonElementLines(text, ['records'])).toEqual([2, 3, 4]);
  });

  it('reads our own records from a bare array', () => {
    const parsed = parseCasesJson('[{"caseId":"kb-9","category":"세무","title":"자동차세","question":"언제?","answer":"6월과 12월"}]');
    expect(parsed.rows[0]!.proposal).toMatchObject({ caseId: 'kb-9', source: { format: 'open-data-json' } });
  });
});

describe('source dates', () => {
  it('reads Korean local times as KST and zoned times as given', () => {
    expect(parseSourceDate('2024.03.05')).toBe('2024-03-04T15:00:00.000Z');
    expect(parseSourceDate('20240305142000')).toBe('2024-03-05T05:20:00.000Z');
    expect(parseSourceDate('2024-03-05T14:20:00+09:00')).toBe('2024-03-05T05:20:00.000Z');
    expect(parseSourceDate('2024-02-30')).toBeNull();
  });
});
