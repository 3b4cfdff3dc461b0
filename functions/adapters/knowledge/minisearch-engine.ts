import { gunzipSync, gzipSync } from 'node:zlib';
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import { answerWithFields } from '../../core/knowledge/case-content.ts';
import {
  bigrams,
  choseongTerms,
  hangulFromQwerty,
  jamoOf,
  jamoTerms,
  joinTerms,
  ownTerms,
  textTerms,
  wordsOf,
  type Word,
} from '../../core/knowledge/hangul-terms.ts';
import type { KnowledgeCase, KnowledgeHit } from '../../core/knowledge/model.ts';
import type { SearchEngine, SearchIndex, SearchOptions } from '../../core/knowledge/ports.ts';

/*
 * The embedded search engine (docs/adr/0009-knowledge-base.md): MiniSearch (BM25+) over the
 * Hangul terms of core/knowledge/hangul-terms.ts. Built on import, serialized as gzipped
 * JSON, loaded whole into the search Lambda's memory.
 */

interface IndexedCase {
  id: string;
  title: string;
  keywords: string;
  question: string;
  meta: string;
  body: string;
  translated: string;
  initials: string;
  jamo: string;
  category: string;
  snippet: string;
}

const TEXT_FIELDS = ['title', 'keywords', 'question', 'meta', 'body', 'translated'] as const;
const BOOST: Record<string, number> = { title: 3, keywords: 2.5, question: 1.5, meta: 1, body: 0.7, translated: 0.6, initials: 2, jamo: 0.6 };
const SNIPPET_CHARS = 140;

const OPTIONS: Options<IndexedCase> = {
  fields: [...TEXT_FIELDS, 'initials', 'jamo'],
  storeFields: ['title', 'category', 'snippet'],
  tokenize: (text, field) => (field === 'initials' ? choseongTerms(text) : field === 'jamo' ? jamoTerms(text) : textTerms(text)),
  processTerm: (term) => term,
  searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
};

function snippetOf(answer: string): string {
  const flat = answer.replace(/\s+/g, ' ').trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1)}…`;
}

function toIndexed(c: KnowledgeCase): IndexedCase {
  const translatedTitles = Object.values(c.translations)
    .map((t) => t?.title ?? '')
    .join('\n');
  return {
    id: c.caseId,
    title: c.title,
    keywords: c.keywords.join(' '),
    question: c.question,
    meta: [c.category, c.subCategory, c.agency].filter(Boolean).join(' '),
    body: answerWithFields(c),
    translated: translatedTitles,
    initials: `${c.title} ${c.keywords.join(' ')}`,
    jamo: `${c.title} ${c.keywords.join(' ')}`,
    category: c.category,
    snippet: snippetOf(c.answer),
  };
}

/** The terms a query word may have matched under, for scoring how much of the query a case covers. */
function coverageOf(words: readonly Word[], matched: ReadonlySet<string>): number {
  if (words.length === 0) return 0;
  let covered = 0;
  for (const word of words) {
    if (matched.has(word.text) || matched.has(word.stem) || matched.has(jamoOf(word.stem))) covered += 1;
    else if (word.kind === 'hangul' && word.stem.length >= 3) {
      const grams = bigrams(word.stem);
      covered += grams.filter((g) => matched.has(g)).length / grams.length;
    }
  }
  return covered / words.length;
}

function fuzzyFor(term: string): number {
  return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
}

/** The query tree for one text: plain terms over the text fields, 초성 and fuzzy jamo in their own. */
export function queryFor(text: string): { query: Query; words: Word[] } | null {
  const words = wordsOf(text);
  const alternates = words.flatMap((w) => {
    const hangul = hangulFromQwerty(w.text);
    return hangul ? wordsOf(hangul) : [];
  });
  const searchable = [...words, ...alternates];
  const plain = new Set<string>();
  const initials = new Set<string>();
  const jamo = new Set<string>();
  searchable.forEach((word, i) => {
    if (word.kind === 'choseong') {
      initials.add(word.text);
      const next = searchable[i + 1];
      if (next?.kind === 'choseong') initials.add(word.text + next.text);
      return;
    }
    for (const t of ownTerms(word)) plain.add(t);
    const next = searchable[i + 1];
    if (next) for (const t of joinTerms(word, next)) plain.add(t);
    if (word.kind === 'hangul' && word.stem.length >= 2) jamo.add(jamoOf(word.stem));
  });
  const queries: Query[] = [];
  if (plain.size > 0) queries.push({ queries: [...plain], fields: [...TEXT_FIELDS], combineWith: 'OR' });
  if (initials.size > 0) queries.push({ queries: [...initials], fields: ['initials'], combineWith: 'OR', prefix: (t: string) => t.length >= 3 });
  if (jamo.size > 0) queries.push({ queries: [...jamo], fields: ['jamo'], combineWith: 'OR', fuzzy: (t: string) => fuzzyFor(t), maxFuzzy: 2 });
  if (queries.length === 0) return null;
  return { query: { queries, combineWith: 'OR' }, words: searchable.filter((w) => w.kind !== 'other' || w.text.length > 1) };
}

class MiniSearchIndex implements SearchIndex {
  constructor(private readonly index: MiniSearch<IndexedCase>) {}

  get caseCount(): number {
    return this.index.documentCount;
  }

  search(text: string, options: SearchOptions): KnowledgeHit[] {
    const built = queryFor(text);
    if (!built) return [];
    const results: SearchResult[] = this.index.search(built.query, {
      boost: BOOST,
      ...(options.category ? { filter: (r: SearchResult) => r.category === options.category } : {}),
    });
    if (results.length === 0) return [];
    const ranked = results
      .slice(0, Math.max(options.limit * 4, 20))
      .map((r) => {
        const coverage = coverageOf(built.words, new Set(r.queryTerms));
        return { r, coverage, rank: r.score * (0.4 + coverage) };
      })
      .sort((a, b) => b.rank - a.rank)
      .slice(0, options.limit);
    const top = ranked[0]!;
    return ranked.map(({ r, rank }) => ({
      caseId: String(r.id),
      title: String(r.title),
      category: String(r.category),
      score: Math.round(top.coverage * (rank / top.rank) * 1000) / 1000,
      snippet: String(r.snippet),
    }));
  }
}

export const miniSearchEngine: SearchEngine = {
  name: 'minisearch-hangul-v1',
  build(cases) {
    const index = new MiniSearch<IndexedCase>(OPTIONS);
    index.addAll(cases.map(toIndexed));
    return gzipSync(JSON.stringify(index), { level: 6 });
  },
  load(bytes) {
    return new MiniSearchIndex(MiniSearch.loadJSON<IndexedCase>(gunzipSync(bytes).toString('utf8'), OPTIONS));
  },
};
