/**
 * Terms one edit (insertion, deletion or substitution of one jamo) away, found without
 * comparing against the whole vocabulary: every vocabulary term is filed under each of its
 * one-jamo deletions (the symmetric-delete method), so a query term finds
 *   - longer terms (one insertion) filed under the query itself,
 *   - substitutions filed under one of the query's own deletions,
 *   - shorter terms (one deletion) as one of the query's deletions.
 * Built when an index is loaded.
 */
export class OneEditLookup {
  private readonly ids = new Map<string, number>();
  private readonly byDeletion = new Map<string, number[]>();

  constructor(private readonly vocabulary: readonly string[]) {
    vocabulary.forEach((term, id) => {
      this.ids.set(term, id);
      for (const variant of deletions(term)) {
        const filed = this.byDeletion.get(variant);
        if (!filed) this.byDeletion.set(variant, [id]);
        else if (filed[filed.length - 1] !== id) filed.push(id);
      }
    });
  }

  /** Vocabulary terms at edit distance exactly 1 from `term`. */
  near(term: string): string[] {
    const found = new Set<number>(this.byDeletion.get(term));
    for (const variant of deletions(term)) {
      for (const id of this.byDeletion.get(variant) ?? []) found.add(id);
      const shorter = this.ids.get(variant);
      if (shorter !== undefined) found.add(shorter);
    }
    const out: string[] = [];
    for (const id of found) {
      const candidate = this.vocabulary[id]!;
      if (candidate !== term && withinOneEdit(term, candidate)) out.push(candidate);
    }
    return out;
  }
}

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i += 1) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
