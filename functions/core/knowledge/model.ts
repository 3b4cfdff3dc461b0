/**
 * The counselling knowledge base: standard cases a counselor answers from (see
 * docs/adr/0017-knowledge-base.md). A case is versioned: every edit is a new version and the
 * old ones stay; a case is retired, never deleted.
 */

/** Languages a case may carry translations in (Korean is the case itself). */
export const KNOWLEDGE_LANGUAGES = ['en', 'zh', 'ja', 'vi', 'mn'] as const;
export type KnowledgeLanguage = (typeof KNOWLEDGE_LANGUAGES)[number];

export const CASE_STATUSES = ['published', 'retired', 'draft'] as const;
/** Only published cases are searched and suggested. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Who did something: from a verified token in the API, `system` for the starter set. */
export interface Actor {
  id: string;
  role: 'counselor' | 'supervisor' | 'auditor' | 'system';
}

/**
 * The structured fields of the 120 Dasan FAQ detail (data.go.kr): 업무개요, 신청대상, 신청방법,
 * 구비서류, 처리절차, 처리기한, 교부방법, 신고기한, 과태료.
 */
export interface StructuredFields {
  overview?: string;
  eligibility?: string;
  applicationMethod?: string;
  requiredDocuments?: string;
  procedure?: string;
  processingPeriod?: string;
  issuance?: string;
  reportingDeadline?: string;
  penalty?: string;
}

export const STRUCTURED_FIELD_LABELS: Readonly<Record<keyof StructuredFields, string>> = {
  overview: '업무개요',
  eligibility: '신청대상',
  applicationMethod: '신청방법',
  requiredDocuments: '구비서류',
  procedure: '처리절차',
  processingPeriod: '처리기한',
  issuance: '교부방법',
  reportingDeadline: '신고기한',
  penalty: '과태료',
};

export const STRUCTURED_FIELD_KEYS = Object.keys(STRUCTURED_FIELD_LABELS) as (keyof StructuredFields)[];

export interface CaseTranslation {
  title?: string;
  answer?: string;
}

/** Where a case came from; not part of its content (re-exporting a file does not change a case). */
export interface CaseSource {
  format: 'ndjson' | 'open-data-csv' | 'open-data-json' | 'edit' | 'complaint';
  /** 일련번호 of the open data, or the complaint a draft was made from. */
  reference?: string;
  /** FAQ구분 of the open data. */
  faqType?: string;
  /** 대분류코드 of the open data. */
  categoryCode?: string;
}

/** What a version says: everything a counselor reads. Its hash decides "changed or not". */
export interface CaseContent {
  category: string;
  subCategory?: string;
  title: string;
  question: string;
  /** Korean. */
  answer: string;
  /** 접수처 / responsible agency. */
  agency?: string;
  keywords: string[];
  fields: StructuredFields;
  translations: Partial<Record<KnowledgeLanguage, CaseTranslation>>;
}

/** One version of a case, as stored (every version is kept). */
export interface KnowledgeCase extends CaseContent {
  caseId: string;
  /** 1, 2, ... gap-free. */
  version: number;
  status: CaseStatus;
  /** When the content was last changed at its source (수정일시), ISO. */
  updatedAt: string;
  /** SHA-256 of the canonical content (status, times and source excluded). */
  contentHash: string;
  /** When and by whom this version was written. */
  recordedAt: string;
  recordedBy: Actor;
  /** Why (edit note, retirement reason). */
  note?: string;
  source?: CaseSource;
}

/** A case as the import and edit paths propose it, before it gets a version. */
export interface CaseProposal {
  caseId: string;
  content: CaseContent;
  updatedAt?: string;
  /** Explicit version from the file: must be an existing one (unchanged) or the next. */
  version?: number;
  status?: CaseStatus;
  source?: CaseSource;
}

/** A search hit: what the list shows. `score` is 0..1, the best hit first. */
export interface KnowledgeHit {
  caseId: string;
  title: string;
  category: string;
  score: number;
  snippet: string;
}
