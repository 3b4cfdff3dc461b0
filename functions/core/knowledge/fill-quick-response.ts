import { ComplaintNotFoundError } from '../errors.ts';
import type { Complaint } from '../model.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { Clock } from '../ports/runtime.ts';
import { READERS, requireRole } from './actor.ts';
import { CaseNotFoundError } from './errors.ts';
import type { Actor } from './model.ts';
import type { KnowledgeCaseStore } from './ports.ts';
import {
  fillQuickResponse,
  normalizeShortcut,
  QuickResponseNotFoundError,
  type Placeholder,
  type QuickResponseLanguage,
  type QuickResponseStore,
} from './quick-responses.ts';

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const QUICK_LANGUAGES: readonly string[] = ['ko', 'en', 'zh', 'ja', 'vi', 'mn'];

function kstParts(instant: string | Date) {
  const kst = new Date(new Date(instant).getTime() + KST_OFFSET_MS).toISOString();
  return { day: kst.slice(0, 10), year: kst.slice(0, 4), month: Number(kst.slice(5, 7)), date: Number(kst.slice(8, 10)), time: kst.slice(11, 16) };
}

/** A KST day as a citizen of that language reads it: 2026년 3월 11일, 2026年3月11日, 2026-03-11. */
export function formatKstDay(instant: string | Date, language: QuickResponseLanguage): string {
  const { day, year, month, date } = kstParts(instant);
  if (language === 'ko') return `${year}년 ${month}월 ${date}일`;
  if (language === 'zh' || language === 'ja') return `${year}年${month}月${date}日`;
  return day;
}

/** A KST instant to the minute: 2026년 3월 11일 18:00, 2026年3月11日 18:00, 2026-03-11 18:00 (KST). */
export function formatKst(instant: string | Date, language: QuickResponseLanguage): string {
  const { time } = kstParts(instant);
  return `${formatKstDay(instant, language)} ${time}${language === 'ko' || language === 'zh' || language === 'ja' ? '' : ' (KST)'}`;
}

/** The language a complaint is answered in; a complaint in another (or unknown) language is answered in Korean, for the reply path to translate. */
export function replyLanguageOf(complaint: Pick<Complaint, 'language'>): QuickResponseLanguage {
  return QUICK_LANGUAGES.includes(complaint.language) ? (complaint.language as QuickResponseLanguage) : 'ko';
}

/**
 * What the complaint itself says for the placeholders: its receipt number, agency, due time
 * (the extended one when extended) and today's date in KST, and the quoted case's title.
 */
export function placeholderValuesOf(complaint: Complaint, language: QuickResponseLanguage, now: Date, caseTitle?: string): Partial<Record<Placeholder, string>> {
  return {
    receiptNo: complaint.receiptNo,
    ...(complaint.agency ? { agency: complaint.agency } : {}),
    dueDate: formatKst(complaint.extendedDueAt ?? complaint.dueAt, language),
    date: formatKstDay(now, language),
    ...(caseTitle ? { caseTitle } : {}),
  };
}

export interface FillQuickResponseDeps {
  store: QuickResponseStore;
  complaints: Pick<ComplaintRepository, 'getComplaint'>;
  cases: Pick<KnowledgeCaseStore, 'getHead'>;
  clock: Clock;
}

export interface FillForComplaintInput {
  shortcut: string;
  complaintId: string;
  /** Default: the complaint's language. */
  language?: QuickResponseLanguage;
  /** The case the counselor quotes: {caseTitle}. */
  caseId?: string;
  /** Values the complaint cannot give ({counselorName}, {agencyPhone}, {url}); the complaint's own win. */
  values?: Partial<Record<string, string>>;
}

/** The filled text, and the keyed hash of the complaint's citizen for the caller's access record. */
export interface FilledForComplaint {
  filled: { shortcut: string; language: QuickResponseLanguage; text: string };
  citizenKeyHash: string;
}

/**
 * `POST /api/quick-responses/{id}/fill`: the response's text with its placeholders filled from
 * the complaint. Writes nothing, so anyone who may read the complaint may ask.
 */
export function createQuickResponseFilling(deps: FillQuickResponseDeps) {
  return {
    async fillQuickResponseForComplaint(input: FillForComplaintInput, actor: Actor): Promise<FilledForComplaint> {
      requireRole(actor, READERS, 'fill quick responses');
      const shortcut = normalizeShortcut(input.shortcut);
      const response = await deps.store.get(shortcut);
      if (!response) throw new QuickResponseNotFoundError(`no quick response /${shortcut}`);
      const complaint = await deps.complaints.getComplaint(input.complaintId);
      if (!complaint) throw new ComplaintNotFoundError(input.complaintId);
      let caseTitle: string | undefined;
      if (input.caseId) {
        const quoted = await deps.cases.getHead(input.caseId);
        if (!quoted) throw new CaseNotFoundError(input.caseId);
        caseTitle = quoted.title;
      }
      const language = input.language ?? replyLanguageOf(complaint);
      const chosen: QuickResponseLanguage = response.texts[language] !== undefined ? language : 'ko';
      const given: Partial<Record<Placeholder, string>> = {};
      for (const [name, value] of Object.entries(input.values ?? {})) if (value !== undefined) given[name as Placeholder] = value;
      const filled = fillQuickResponse(response, language, { ...given, ...placeholderValuesOf(complaint, chosen, deps.clock.now(), caseTitle) });
      return { filled: { shortcut, ...filled }, citizenKeyHash: complaint.citizen.hash };
    },
  };
}
