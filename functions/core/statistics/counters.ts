/**
 * A contribution or a rollup: named non-negative counts. Zero entries are never kept, so two
 * vectors with the same counts compare equal however they were built.
 */
export type Counters = Readonly<Record<string, number>>;

export const EMPTY: Counters = Object.freeze({});

function normalized(entries: Iterable<[string, number]>): Counters {
  const out: Record<string, number> = {};
  for (const [key, value] of entries) if (value !== 0) out[key] = value;
  return out;
}

export function counters(entries: Record<string, number>): Counters {
  return normalized(Object.entries(entries));
}

export function add(a: Counters, b: Counters): Counters {
  const out = new Map(Object.entries(a));
  for (const [key, value] of Object.entries(b)) out.set(key, (out.get(key) ?? 0) + value);
  return normalized(out);
}

/** b − a: what moves a rollup holding `a` to one holding `b`. */
export function difference(a: Counters, b: Counters): Counters {
  const out = new Map(Object.entries(b));
  for (const [key, value] of Object.entries(a)) out.set(key, (out.get(key) ?? 0) - value);
  return normalized(out);
}

export function sum(all: Iterable<Counters>): Counters {
  let total: Counters = EMPTY;
  for (const one of all) total = add(total, one);
  return total;
}

export function isEmpty(c: Counters): boolean {
  return Object.keys(c).length === 0;
}

export function equal(a: Counters, b: Counters): boolean {
  return isEmpty(difference(a, b));
}

/** The counts whose names start with `prefix`, keyed by the rest of the name. */
export function breakdown(c: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(c).sort()) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = c[key] ?? 0;
  return out;
}

export const count = (c: Counters, key: string): number => c[key] ?? 0;
