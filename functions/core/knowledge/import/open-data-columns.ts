import { CASE_ID_PATTERN, CASE_TEXT_LIMITS } from '../../../../schemas/knowledge.ts';
import { KNOWLEDGE_LANGUAGES, STRUCTURED_FIELD_KEYS, STRUCTURED_FIELD_LABELS, type CaseProposal, type CaseTranslation, type KnowledgeLanguage, type StructuredFields } from '../model.ts';
import { parseSourceDate } from './source-dates.ts';

/*
 * The 120 Dasan Call Foundation's FAQ as published on data.go.kr: the list (일련번호, FAQ구분,
 * 대분류코드, 대분류명, 질문, 수정일시) and the detail (업무개요, 접수처, 신고기한, 신청방법,
 * 과태료, 신청대상, 구비서류, 처리절차, 처리기한, 교부방법), joined on 일련번호. Headers are matched
 * without spaces, dots and brackets ("FAQ 구분", "처리·교부절차"), with the usual variants.
 * Our own additions, all optional: 제목, 답변, 중분류명, 키워드, and translations as
 * 제목_en / 답변_en (en, zh, ja, vi, mn).
 */
type Column =
  | 'serial'
  | 'faqType'
  | 'categoryCode'
  | 'category'
  | 'subCategory'
  | 'question'
  | 'title'
  | 'answer'
  | 'updatedAt'
  | 'agency'
  | 'keywords'
  | keyof StructuredFields
  | `title_${KnowledgeLanguage}`
  | `answer_${KnowledgeLanguage}`;

const ALIASES: Record<string, Column> = {
  일련번호: 'serial',
  번호: 'serial',
  faq번호: 'serial',
  faq구분: 'faqType',
  구분: 'faqType',
  대분류코드: 'categoryCode',
  대분류명: 'category',
  대분류: 'category',
  중분류명: 'subCategory',
  중분류: 'subCategory',
  소분류명: 'subCategory',
  질문: 'question',
  질문내용: 'question',
  faq질문: 'question',
  제목: 'title',
  답변: 'answer',
  답변내용: 'answer',
  faq답변: 'answer',
  수정일시: 'updatedAt',
  수정일자: 'updatedAt',
  수정일: 'updatedAt',
  접수처: 'agency',
  담당기관: 'agency',
  키워드: 'keywords',
  처리교부절차: 'procedure',
  처리교부방법: 'issuance',
};
for (const key of STRUCTURED_FIELD_KEYS) ALIASES[STRUCTURED_FIELD_LABELS[key]] = key;
for (const language of KNOWLEDGE_LANGUAGES) {
  ALIASES[`제목_${language}`] = `title_${language}`;
  ALIASES[`답변_${language}`] = `answer_${language}`;
  ALIASES[`title_${language}`] = `title_${language}`;
  ALIASES[`answer_${language}`] = `answer_${language}`;
}

const normalizeHeader = (header: string): string =>
  header
    .replace(/^\ufeff/, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s.·ㆍ・()[\]{}-]/g, '');

export function columnFor(header: string): Column | undefined {
  return ALIASES[normalizeHeader(header)] ?? ALIASES[normalizeHeader(header).replace(/^(.+?)(en|zh|ja|vi|mn)$/, '$1_$2')];
}

/** Columns a file must have for its rows to mean anything. */
export const REQUIRED_COLUMNS: readonly Column[] = ['serial', 'category', 'question'];
const LABEL: Partial<Record<Column, string>> = { serial: '일련번호', category: '대분류명', question: '질문' };

export function missingColumns(headers: readonly string[]): string[] {
  const present = new Set(headers.map(columnFor));
  return REQUIRED_COLUMNS.filter((c) => !present.has(c)).map((c) => LABEL[c] ?? c);
}

const TITLE_MAX = CASE_TEXT_LIMITS.title;

/** The title a list shows: 제목, or the question itself, cut at a sentence end when long. */
function titleFrom(question: string): string {
  if (question.length <= TITLE_MAX) return question;
  const cut = question.slice(0, TITLE_MAX - 1);
  const sentenceEnd = Math.max(cut.lastIndexOf('?'), cut.lastIndexOf('.'));
  return sentenceEnd > 40 ? cut.slice(0, sentenceEnd + 1) : `${cut}…`;
}

const cellText = (value: unknown): string => (value === null || value === undefined ? '' : String(value).replace(/\r\n?/g, '\n').trim());

/** One open-data record (header -> cell) as a case proposal, or why it is not one. */
export function proposalFromOpenDataRecord(record: Record<string, unknown>, format: 'open-data-csv' | 'open-data-json'): CaseProposal | { reason: string } {
  const cells: Partial<Record<Column, string>> = {};
  for (const [header, value] of Object.entries(record)) {
    const column = columnFor(header);
    const text = cellText(value);
    if (column && text !== '' && cells[column] === undefined) cells[column] = text;
  }
  const serial = cells.serial;
  if (!serial) return { reason: '일련번호 is empty' };
  const caseId = `120-${serial}`;
  if (!CASE_ID_PATTERN.test(caseId)) return { reason: `일련번호 "${serial}" must be letters, digits, ".", "_" or "-" (up to 60)` };
  if (!cells.category) return { reason: '대분류명 is empty' };
  if (!cells.question) return { reason: '질문 is empty' };

  const fields: StructuredFields = {};
  for (const key of STRUCTURED_FIELD_KEYS) if (cells[key]) fields[key] = cells[key];
  const answer = cells.answer ?? STRUCTURED_FIELD_KEYS.filter((k) => fields[k]).map((k) => `${STRUCTURED_FIELD_LABELS[k]}: ${fields[k]}`).join('\n');
  if (answer === '') return { reason: '답변 is empty and the row has no detail fields (업무개요, 신청방법, ...) to answer from' };

  let updatedAt: string | undefined;
  if (cells.updatedAt) {
    const parsed = parseSourceDate(cells.updatedAt);
    if (!parsed) return { reason: `수정일시 "${cells.updatedAt}" is not a date (YYYY-MM-DD[ HH:mm[:ss]])` };
    updatedAt = parsed;
  }
  const translations: Partial<Record<KnowledgeLanguage, CaseTranslation>> = {};
  for (const language of KNOWLEDGE_LANGUAGES) {
    const title = cells[`title_${language}`];
    const translatedAnswer = cells[`answer_${language}`];
    if (title || translatedAnswer) translations[language] = { ...(title ? { title } : {}), ...(translatedAnswer ? { answer: translatedAnswer } : {}) };
  }
  return {
    caseId,
    content: {
      category: cells.category,
      ...(cells.subCategory ? { subCategory: cells.subCategory } : {}),
      title: cells.title ?? titleFrom(cells.question),
      question: cells.question,
      answer,
      ...(cells.agency ? { agency: cells.agency } : {}),
      keywords: cells.keywords ? cells.keywords.split(/[,;|、]/).map((k) => k.trim()).filter((k) => k !== '') : [],
      fields,
      translations,
    },
    ...(updatedAt ? { updatedAt } : {}),
    source: {
      format,
      reference: serial,
      ...(cells.faqType ? { faqType: cells.faqType } : {}),
      ...(cells.categoryCode ? { categoryCode: cells.categoryCode } : {}),
    },
  };
}
