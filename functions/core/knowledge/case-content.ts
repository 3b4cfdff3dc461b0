import { createHash } from 'node:crypto';
import { KNOWLEDGE_LANGUAGES, STRUCTURED_FIELD_KEYS, type CaseContent, type CaseTranslation, type KnowledgeLanguage, type StructuredFields } from './model.ts';

/** NFC (CP949 files and macOS clipboards bring decomposed Hangul), CRLF to LF, trimmed. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

const cleanOptional = (text: string | undefined): string | undefined => {
  const cleaned = text === undefined ? '' : cleanText(text);
  return cleaned === '' ? undefined : cleaned;
};

/**
 * One canonical form per content, so two files that say the same thing (other spacing,
 * keyword order, empty optional columns) are the same version.
 */
export function canonicalContent(content: CaseContent): CaseContent {
  const fields: StructuredFields = {};
  for (const key of STRUCTURED_FIELD_KEYS) {
    const value = cleanOptional(content.fields[key]);
    if (value !== undefined) fields[key] = value;
  }
  const translations: Partial<Record<KnowledgeLanguage, CaseTranslation>> = {};
  for (const language of KNOWLEDGE_LANGUAGES) {
    const t = content.translations[language];
    const title = cleanOptional(t?.title);
    const answer = cleanOptional(t?.answer);
    if (title !== undefined || answer !== undefined) translations[language] = { ...(title ? { title } : {}), ...(answer ? { answer } : {}) };
  }
  const keywords = [...new Set(content.keywords.map(cleanText).filter((k) => k !== ''))].sort();
  const subCategory = cleanOptional(content.subCategory);
  const agency = cleanOptional(content.agency);
  return {
    category: cleanText(content.category),
    ...(subCategory ? { subCategory } : {}),
    title: cleanText(content.title),
    question: cleanText(content.question),
    answer: cleanText(content.answer),
    ...(agency ? { agency } : {}),
    keywords,
    fields,
    translations,
  };
}

/** JSON with keys sorted at every level: the same content always serialises the same. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of the canonical content: equal hashes mean nothing a counselor reads changed. */
export function contentHash(content: CaseContent): string {
  return createHash('sha256').update(stableJson(canonicalContent(content)), 'utf8').digest('hex');
}

/** The Korean text of a case's answer with its structured fields, for display and indexing. */
export function answerWithFields(content: Pick<CaseContent, 'answer' | 'fields'>): string {
  return [content.answer, ...STRUCTURED_FIELD_KEYS.map((k) => content.fields[k]).filter((v): v is string => v !== undefined)].join('\n');
}
