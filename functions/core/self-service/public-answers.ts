import { gunzipSync, gzipSync } from 'node:zlib';
import { KNOWLEDGE_LANGUAGES, type KnowledgeCase, type KnowledgeLanguage } from '../knowledge/model.ts';

/** Languages the public pages are offered in: Korean, and those a case may carry a translation in. */
export const ANSWER_LANGUAGES = ['ko', ...KNOWLEDGE_LANGUAGES] as const;
export type AnswerLanguage = (typeof ANSWER_LANGUAGES)[number];

/**
 * What the public may read of a published case: its question and answer (and their stored
 * translations). Allow-listed field by field, so notes, versions, actors, sources and anything a
 * later model adds stay out of the public object.
 */
export interface PublicAnswer {
  caseId: string;
  category: string;
  title: string;
  question: string;
  answer: string;
  translations: Partial<Record<KnowledgeLanguage, { title?: string; answer?: string }>>;
  updatedAt: string;
}

/** An answer as one language shows it; `koreanFallback` says the Korean text stands in for the asked language. */
export interface LocalizedAnswer {
  caseId: string;
  category: string;
  /** The language of `title` and `answer`. */
  language: AnswerLanguage;
  koreanFallback: boolean;
  title: string;
  question: string;
  answer: string;
  updatedAt: string;
}

const FORMAT = 'public-answers-1';

export function publicAnswerOf(c: KnowledgeCase): PublicAnswer {
  const translations: PublicAnswer['translations'] = {};
  for (const language of KNOWLEDGE_LANGUAGES) {
    const t = c.translations[language];
    if (!t?.answer && !t?.title) continue;
    translations[language] = { ...(t.title ? { title: t.title } : {}), ...(t.answer ? { answer: t.answer } : {}) };
  }
  return { caseId: c.caseId, category: c.category, title: c.title, question: c.question, answer: c.answer, translations, updatedAt: c.updatedAt };
}

/**
 * The gzipped object the public search function reads. Only published cases go in: a draft or a
 * retired case is never public, whatever the caller passes.
 */
export function encodePublicAnswers(cases: readonly KnowledgeCase[]): Uint8Array {
  const answers = cases.filter((c) => c.status === 'published').map(publicAnswerOf);
  return gzipSync(Buffer.from(JSON.stringify({ format: FORMAT, answers }), 'utf8'));
}

export function decodePublicAnswers(bytes: Uint8Array): Map<string, PublicAnswer> {
  const parsed = JSON.parse(gunzipSync(bytes).toString('utf8')) as { format?: unknown; answers?: PublicAnswer[] };
  if (parsed.format !== FORMAT || !Array.isArray(parsed.answers)) throw new Error(`public answers object is not ${FORMAT}`);
  return new Map(parsed.answers.map((a) => [a.caseId, a]));
}

/** The stored translation a page in `language` shows, when the case has its answer in it. */
function translationFor(answer: PublicAnswer, language: AnswerLanguage): { title?: string; answer: string } | null {
  if (language === 'ko') return null;
  const t = answer.translations[language];
  return t?.answer ? { ...(t.title ? { title: t.title } : {}), answer: t.answer } : null;
}

/**
 * The answer in `language`: a case translated into it shows its translated title and answer (the
 * question stays as the case states it, in Korean); otherwise the Korean answer with
 * `koreanFallback`, which the page words as a note. A translated title without a translated
 * answer is not enough: the page would promise a language the answer is not in.
 */
export function localizeAnswer(answer: PublicAnswer, language: AnswerLanguage): LocalizedAnswer {
  const base = { caseId: answer.caseId, category: answer.category, question: answer.question, updatedAt: answer.updatedAt };
  const t = translationFor(answer, language);
  if (t) return { ...base, language, koreanFallback: false, title: t.title ?? answer.title, answer: t.answer };
  return { ...base, language: 'ko', koreanFallback: language !== 'ko', title: answer.title, answer: answer.answer };
}
