import type { QuickResponseBody } from '../../../schemas/knowledge.ts';
import type { Clock } from '../ports/runtime.ts';
import { EDITORS, READERS, requireRole } from './actor.ts';
import type { Actor } from './model.ts';

/*
 * Quick responses: short reusable answers a counselor inserts into a reply, per language,
 * found by shortcut (/접수, /transfer). Placeholders in braces are filled on insertion; the
 * set is closed, so a typo ({recieptNo}) is refused when the response is saved, not sent to
 * a citizen.
 */
export type QuickResponseLanguage = 'ko' | 'en' | 'zh' | 'ja' | 'vi' | 'mn';

export const PLACEHOLDERS = {
  receiptNo: '접수번호 (20260302-7K3QZ-M8D1X)',
  agency: '담당 기관',
  agencyPhone: '담당 기관 전화번호',
  dueDate: '처리 기한',
  date: '날짜',
  counselorName: '상담사 이름',
  caseTitle: '안내한 상담 사례 제목',
  url: '안내 주소',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

export interface QuickResponse {
  /** Lower case, without the leading slash. */
  shortcut: string;
  title: string;
  texts: Partial<Record<QuickResponseLanguage, string>>;
  version: number;
  updatedAt: string;
  updatedBy: Actor;
}

export interface QuickResponseStore {
  get(shortcut: string): Promise<QuickResponse | null>;
  list(): Promise<QuickResponse[]>;
  /** Conditional on the stored version being `expectedVersion` (0: none stored yet). */
  put(response: QuickResponse, expectedVersion: number): Promise<boolean>;
}

export class UnknownPlaceholderError extends Error {
  override readonly name = 'UnknownPlaceholderError';
  constructor(readonly placeholders: string[]) {
    super(`unknown placeholder(s) ${placeholders.map((p) => `{${p}}`).join(', ')}; known: ${Object.keys(PLACEHOLDERS).map((p) => `{${p}}`).join(', ')}`);
  }
}

export class MissingPlaceholderValueError extends Error {
  override readonly name = 'MissingPlaceholderValueError';
  constructor(readonly placeholders: string[]) {
    super(`no value for ${placeholders.map((p) => `{${p}}`).join(', ')}`);
  }
}

export class QuickResponseNotFoundError extends Error {
  override readonly name = 'QuickResponseNotFoundError';
}

export class InvalidQuickResponseError extends Error {
  override readonly name = 'InvalidQuickResponseError';
}

export class StaleQuickResponseError extends Error {
  override readonly name = 'StaleQuickResponseError';
}

const PLACEHOLDER = /\{([^{}\s]*)\}/g;
const SHORTCUT = /^[\p{L}\p{N}_-]{1,30}$/u;

export function normalizeShortcut(shortcut: string): string {
  return shortcut.trim().replace(/^\//, '').normalize('NFC').toLowerCase();
}

export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

const isKnown = (name: string): name is Placeholder => Object.hasOwn(PLACEHOLDERS, name);

/**
 * The response's text in `language` with every placeholder filled. Without a text in that
 * language the Korean one is returned (language 'ko'), for the reply path to translate.
 */
export function fillQuickResponse(response: Pick<QuickResponse, 'texts' | 'shortcut'>, language: QuickResponseLanguage, values: Partial<Record<Placeholder, string>>): { text: string; language: QuickResponseLanguage } {
  const chosen: QuickResponseLanguage = response.texts[language] !== undefined ? language : 'ko';
  const template = response.texts[chosen];
  if (template === undefined) throw new QuickResponseNotFoundError(`quick response /${response.shortcut} has no ${language} or Korean text`);
  const names = placeholdersIn(template);
  const unknown = names.filter((n) => !isKnown(n));
  if (unknown.length > 0) throw new UnknownPlaceholderError(unknown);
  const missing = names.filter((n) => isKnown(n) && !values[n]?.trim());
  if (missing.length > 0) throw new MissingPlaceholderValueError(missing);
  return { text: template.replace(PLACEHOLDER, (_, name: Placeholder) => values[name]!.trim()), language: chosen };
}

export function createQuickResponses(deps: { store: QuickResponseStore; clock: Clock }) {
  return {
    async saveQuickResponse(shortcutInput: string, body: QuickResponseBody, actor: Actor): Promise<QuickResponse> {
      requireRole(actor, EDITORS, 'edit quick responses');
      const shortcut = normalizeShortcut(shortcutInput);
      if (!SHORTCUT.test(shortcut)) throw new InvalidQuickResponseError(`shortcut "${shortcutInput}" must be 1-30 letters, digits, "_" or "-"`);
      if (!body.texts.ko) throw new InvalidQuickResponseError('a quick response needs its Korean text (texts.ko)');
      const unknown = Object.values(body.texts).flatMap((text) => placeholdersIn(text ?? '').filter((n) => !isKnown(n)));
      if (unknown.length > 0) throw new UnknownPlaceholderError([...new Set(unknown)]);
      const current = await deps.store.get(shortcut);
      const expected = body.expectedVersion ?? current?.version ?? 0;
      const next: QuickResponse = { shortcut, title: body.title, texts: body.texts, version: expected + 1, updatedAt: deps.clock.now().toISOString(), updatedBy: actor };
      if (!(await deps.store.put(next, expected))) throw new StaleQuickResponseError(`quick response /${shortcut} changed since version ${expected}: reload it`);
      return next;
    },

    /** By shortcut prefix first, then by title; only those with a text in `language` (or Korean) when given. */
    async searchQuickResponses(input: { q?: string; language?: QuickResponseLanguage }, actor: Actor): Promise<{ items: QuickResponse[] }> {
      requireRole(actor, READERS, 'read quick responses');
      const q = normalizeShortcut(input.q ?? '');
      const all = await deps.store.list();
      const rank = (r: QuickResponse): number => (q === '' || r.shortcut.startsWith(q) ? 0 : r.title.toLowerCase().includes(q) ? 1 : 2);
      return {
        items: all
          .filter((r) => rank(r) < 2)
          .filter((r) => !input.language || r.texts[input.language] !== undefined || r.texts.ko !== undefined)
          .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut)),
      };
    },

    async insertQuickResponse(input: { shortcut: string; language: QuickResponseLanguage; values: Partial<Record<Placeholder, string>> }, actor: Actor) {
      requireRole(actor, ['counselor', 'supervisor'], 'use quick responses');
      const response = await deps.store.get(normalizeShortcut(input.shortcut));
      if (!response) throw new QuickResponseNotFoundError(`no quick response /${normalizeShortcut(input.shortcut)}`);
      return fillQuickResponse(response, input.language, input.values);
    },
  };
}
