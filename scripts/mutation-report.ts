import { existsSync, readFileSync } from 'node:fs';

/*
 * Reads Stryker's JSON report (the mutation-testing-elements schema: 1-based lines and columns)
 * for scripts/mutate.ts: which mutants timed out on time alone, merging their second pass, and
 * the per-file table with every undetected mutant checked against the equivalents documented in
 * docs/operations/mutation-testing.md.
 */

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface Position {
  line: number;
  column: number;
}

export interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  location: { start: Position; end: Position };
  status: MutantStatus;
  statusReason?: string;
  /** How many tests ran with the mutant active. */
  testsCompleted?: number;
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: Mutant[] }>;
  [key: string]: unknown;
}

export const EQUIVALENTS_DOC = 'docs/operations/mutation-testing.md';

/** A time-out without Stryker's hit-limit reason: the tests may just have been slow. */
function timedOutOnTime(mutant: Mutant): boolean {
  return mutant.status === 'Timeout' && !(mutant.statusReason ?? '').startsWith('Hit limit reached');
}

/**
 * Stryker 9.6.1's vitest runner reports a mutant as survived when no test could run with it: a
 * static mutant that makes its module throw while loading fails every test file that imports it
 * (vitest: "no tests"), and a throwing beforeAll marks its suite's tests skipped. `npm test`
 * fails on either, so it is detected.
 */
function noTestRan(mutant: Mutant): boolean {
  return mutant.status === 'Survived' && mutant.testsCompleted === 0;
}

export function timedOutMutants(report: MutationReport): Array<{ file: string; mutant: Mutant }> {
  return Object.entries(report.files).flatMap(([file, { mutants }]) => mutants.filter(timedOutOnTime).map((mutant) => ({ file, mutant })));
}

function oneLine(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

function mutantKey(file: string, mutant: Mutant): string {
  const { start } = mutant.location;
  return `${file}:${start.line}:${start.column} ${mutant.mutatorName} ${oneLine(mutant.replacement ?? '')}`;
}

/** The first pass with each mutant the second pass ran again replaced by its new result. */
export function mergeRetry(first: MutationReport, retry: MutationReport): MutationReport {
  const again = new Map<string, Mutant>();
  for (const [file, { mutants }] of Object.entries(retry.files)) for (const mutant of mutants) again.set(mutantKey(file, mutant), mutant);
  const files = Object.fromEntries(
    Object.entries(first.files).map(([file, entry]) => [
      file,
      { ...entry, mutants: entry.mutants.map((mutant) => (timedOutOnTime(mutant) ? (again.get(mutantKey(file, mutant)) ?? mutant) : mutant)) },
    ]),
  );
  return { ...first, files };
}

/**
 * Equivalent mutants as documented, one per line:
 *   - `functions/core/x.ts:12:5` ConditionalExpression `true`: why no behaviour changes.
 * (file:line:column of the mutant's start, its mutator, its replacement as in the report).
 */
export function documentedEquivalents(markdown: string): Set<string> {
  const keys = new Set<string>();
  for (const line of markdown.split('\n')) {
    const match = /^- `([^`]+:\d+:\d+)` (\w+) (`+)(.*?)\3:/.exec(line);
    if (match) keys.add(`${match[1]} ${match[2]} ${oneLine(match[4] ?? '')}`);
  }
  return keys;
}

function location(file: string, mutant: Mutant): string {
  return `${file}:${mutant.location.start.line}:${mutant.location.start.column}`;
}

/** What a mutant's code was and became, for the undetected list. */
function describe(file: string, source: string, mutant: Mutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  const original =
    start.line === end.line
      ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
      : `${(lines[start.line - 1] ?? '').slice(start.column - 1)} ...`;
  const replacement = oneLine(mutant.replacement ?? '');
  const fence = replacement.includes('`') ? '``' : '`';
  return `- \`${location(file, mutant)}\` ${mutant.mutatorName} ${fence}${replacement}${fence}: was \`${oneLine(original).slice(0, 80)}\` [${mutant.status}]`;
}

/**
 * Markdown: the per-file table (score = detected / valid mutants, where detected = killed plus
 * hit-limit time-outs plus mutants no test could run with; time-outs on time alone count as undetected), then every undetected mutant
 * not documented as equivalent.
 */
export function summarize(report: MutationReport, equivalentsMarkdown = existsSync(EQUIVALENTS_DOC) ? readFileSync(EQUIVALENTS_DOC, 'utf8') : ''): string {
  const equivalents = documentedEquivalents(equivalentsMarkdown);
  const rows = [
    '| File | Mutants | Killed | Hit limit | No test ran | Survived | No coverage | Timed out | Score | Undetected, documented equivalent |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const unexplained: string[] = [];
  let valid = 0;
  let detected = 0;
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const count = (test: (m: Mutant) => boolean) => mutants.filter(test).length;
    const killed = count((m) => m.status === 'Killed');
    const hitLimit = count((m) => m.status === 'Timeout' && !timedOutOnTime(m));
    const loadFailed = count(noTestRan);
    const survived = count((m) => m.status === 'Survived' && !noTestRan(m));
    const noCoverage = count((m) => m.status === 'NoCoverage');
    const timedOut = count(timedOutOnTime);
    const undetected = mutants.filter((m) => (m.status === 'Survived' && !noTestRan(m)) || m.status === 'NoCoverage' || timedOutOnTime(m));
    const explained = undetected.filter((m) => equivalents.has(mutantKey(file, m)));
    for (const m of undetected) if (!equivalents.has(mutantKey(file, m))) unexplained.push(describe(file, source, m));
    const fileValid = killed + hitLimit + loadFailed + survived + noCoverage + timedOut;
    const fileDetected = killed + hitLimit + loadFailed;
    valid += fileValid;
    detected += fileDetected;
    const score = fileValid === 0 ? 'n/a' : `${((100 * fileDetected) / fileValid).toFixed(1)}%`;
    rows.push(`| ${file} | ${fileValid} | ${killed} | ${hitLimit} | ${loadFailed} | ${survived} | ${noCoverage} | ${timedOut} | ${score} | ${explained.length}/${undetected.length} |`);
  }
  const total = valid === 0 ? 'n/a' : `${((100 * detected) / valid).toFixed(1)}%`;
  rows.push(`| **all** | ${valid} | | | | | | | **${total}** | |`);
  const tail = unexplained.length === 0 ? 'Every undetected mutant is documented as equivalent.' : `Undetected and not documented as equivalent (${unexplained.length}):\n${unexplained.join('\n')}`;
  return `${rows.join('\n')}\n\n${tail}`;
}
