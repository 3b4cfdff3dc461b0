const SAFE_KEY = /^knowledge-index\/[A-Za-z0-9._-]+$/;

/** Index objects live under knowledge-index/ with plain names: nothing else is read or written. */
export function checkIndexObjectKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error(`index object key "${key}" is not knowledge-index/<name>`);
  return key;
}
