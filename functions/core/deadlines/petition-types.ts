/**
 * Petition types of the Civil Petitions Treatment Act (민원 처리에 관한 법률, "the Act") and the
 * processing period its Enforcement Decree (시행령, "the decree") gives each. How periods are
 * counted, and what of this could not be checked against the law's own text, is written down in
 * docs/operations/deadlines.md.
 */
export const PETITION_TYPES = ['inquiry-procedure', 'inquiry-law', 'suggestion', 'grievance', 'other', 'immediate'] as const;
export type PetitionType = (typeof PETITION_TYPES)[number];

/** The type of every new complaint until a counselor or a knowledge case says otherwise. */
export const DEFAULT_PETITION_TYPE: PetitionType = 'inquiry-procedure';

export function isPetitionType(value: unknown): value is PetitionType {
  return typeof value === 'string' && (PETITION_TYPES as readonly string[]).includes(value);
}

/**
 * `working-days`: Act art. 19(2), periods of 6 days or more: counted in days, the first day
 * included, Saturdays and public holidays left out. `working-hours`: Act art. 19(1), periods of
 * 5 days or less: counted in hours from the time of receipt, Saturdays and public holidays left
 * out, a day being 8 working hours; "immediately" is 3 working hours (decree art. 19).
 */
export type PeriodUnit = 'working-days' | 'working-hours';

export interface ProcessingPeriod {
  unit: PeriodUnit;
  amount: number;
}

export interface PetitionTypePolicy {
  type: PetitionType;
  /** Korean legal name, as counselors know it. */
  nameKo: string;
  period: ProcessingPeriod;
  /** Where the period comes from. */
  basis: string;
}

export const PETITION_POLICIES: Readonly<Record<PetitionType, PetitionTypePolicy>> = {
  'inquiry-procedure': {
    type: 'inquiry-procedure',
    nameKo: '질의민원(제도·절차)',
    period: { unit: 'working-days', amount: 7 },
    basis: '민원 처리에 관한 법률 시행령 제14조제1항제2호: 제도·절차 등 법령 외의 사항에 관한 질의민원, 7일 이내',
  },
  'inquiry-law': {
    type: 'inquiry-law',
    nameKo: '질의민원(법령 해석)',
    period: { unit: 'working-days', amount: 14 },
    basis: '민원 처리에 관한 법률 시행령 제14조제1항제1호: 법령에 관한 설명이나 해석을 요구하는 질의민원, 14일 이내',
  },
  suggestion: {
    type: 'suggestion',
    nameKo: '건의민원',
    period: { unit: 'working-days', amount: 14 },
    basis: '민원 처리에 관한 법률 시행령 제15조: 건의민원, 14일 이내',
  },
  grievance: {
    type: 'grievance',
    nameKo: '고충민원',
    period: { unit: 'working-days', amount: 7 },
    basis: '민원 처리에 관한 법률 시행령 제17조제1항: 고충민원, 7일 이내',
  },
  other: {
    type: 'other',
    nameKo: '기타민원',
    period: { unit: 'working-hours', amount: 3 },
    basis: '민원 처리에 관한 법률 시행령 제16조: 기타민원은 즉시 처리; 시행령 제19조: "즉시"는 3근무시간 이내',
  },
  immediate: {
    type: 'immediate',
    nameKo: '즉시처리민원',
    period: { unit: 'working-hours', amount: 3 },
    basis: '민원 처리에 관한 법률 시행령 제19조: "즉시"는 정당한 사유가 없으면 3근무시간 이내',
  },
};

export function policyFor(type: PetitionType): PetitionTypePolicy {
  return PETITION_POLICIES[type];
}
