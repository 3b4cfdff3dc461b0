import { DEFAULT_PETITION_TYPE, isPetitionType, type PetitionType } from './petition-types.ts';

/**
 * Knowledge-case categories whose petition type is known. The counselling knowledge base (not
 * built yet) is expected to give each case category one of these ids, or a petition type
 * itself; anything else falls back to the default.
 */
export const CATEGORY_PETITION_TYPES: Readonly<Record<string, PetitionType>> = {
  'law-interpretation': 'inquiry-law',
  'procedure-guidance': 'inquiry-procedure',
  'policy-suggestion': 'suggestion',
  'grievance': 'grievance',
  'daily-inconvenience': 'other',
  'simple-information': 'immediate',
};

/**
 * The petition type a complaint starts with: from the knowledge case category the counselor
 * chose, when it names one, else a procedure inquiry (the most common kind of call to 120).
 */
export function defaultPetitionType(category?: string): PetitionType {
  if (category === undefined) return DEFAULT_PETITION_TYPE;
  const key = category.trim();
  if (isPetitionType(key)) return key;
  return Object.hasOwn(CATEGORY_PETITION_TYPES, key) ? (CATEGORY_PETITION_TYPES[key] ?? DEFAULT_PETITION_TYPE) : DEFAULT_PETITION_TYPE;
}
