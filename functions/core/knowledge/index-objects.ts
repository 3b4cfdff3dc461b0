/*
 * Where serialized search indexes live in the bucket and how a superseded one is marked. The
 * media bucket's lifecycle rule and the functions' IAM grants (lib/) are scoped with the same
 * values, so the code and the infrastructure cannot drift apart.
 */

/** Every index object's key starts with this. */
export const KNOWLEDGE_INDEX_PREFIX = 'knowledge-index/';

/** The tag a superseded index object gets; the lifecycle rule expires objects carrying it. */
export const SUPERSEDED_TAG = { key: 'knowledge-index', value: 'superseded' } as const;

/** Days a superseded index object stays readable (a container that read the old manifest finishes its load). */
export const SUPERSEDED_INDEX_EXPIRY_DAYS = 1;

export function indexObjectKey(ticket: number, engineName: string): string {
  return `${KNOWLEDGE_INDEX_PREFIX}${String(ticket).padStart(10, '0')}-${engineName}.json.gz`;
}

/** The public answers object built beside the index of the same ticket. */
export function publicAnswersObjectKey(ticket: number): string {
  return `${KNOWLEDGE_INDEX_PREFIX}${String(ticket).padStart(10, '0')}-public-answers.json.gz`;
}
