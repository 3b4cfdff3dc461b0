/*
 * `npm run mutate [-- options]`: mutation testing of the security-critical files. One Stryker run
 * per group of stryker.config.mjs against that group's tests, a second pass over every mutant that
 * only timed out, then the score per file (reports/mutation/mutation.json holds every mutant).
 * docs/operations/mutation-testing.md explains the statuses and lists the equivalent survivors.
 *
 * Stryker scores a mutant whose tests ran past its time limit as detected ("Timeout"). That is
 * right for a mutant that loops forever, and Stryker's hit counter reports those as "Hit limit
 * reached" whatever the machine's load. A plain time-out can just as well be a surviving mutant
 * on a busy machine, so it is run again alone with a ten-minute limit, and whatever still times
 * out counts as NOT detected here.
 *
 *   npm run mutate                                      # every group
 *   npm run mutate -- --group intake                    # one group
 *   npm run mutate -- --file functions/core/receipt.ts  # one file, against its group's tests
 * Other options go to `stryker run` as they are (e.g. --concurrency 1).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mergeRetry, summarize, timedOutMutants, type MutationReport } from './mutation-report.ts';

interface Group {
  name: string;
  mutate: string[];
  tests: string[];
}

const REPORT_DIR = 'reports/mutation';
const STRYKER_REPORT = `${REPORT_DIR}/mutation.json`;
const RETRY_TIMEOUT_MS = 600_000;

function stryker(args: readonly string[], tests: readonly string[]): MutationReport {
  const result = spawnSync('npx', ['stryker', 'run', ...args], { stdio: 'inherit', env: { ...process.env, MUTATION_TESTS: tests.join(',') } });
  if (result.status !== 0) {
    console.error(`stryker run exited with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
  return JSON.parse(readFileSync(STRYKER_REPORT, 'utf8')) as MutationReport;
}

/** One group: a full pass, then its time-outs again with a long limit. */
function runGroup(group: Group, mutate: readonly string[], passThrough: readonly string[]): MutationReport {
  console.log(`\n=== ${group.name}: ${mutate.join(', ')}\n`);
  const first = stryker(['--mutate', mutate.join(','), ...passThrough], group.tests);
  const timedOut = timedOutMutants(first);
  if (timedOut.length === 0) return first;
  console.log(`\n${timedOut.length} mutant(s) timed out on time alone: running them again with a ${RETRY_TIMEOUT_MS / 60_000}-minute limit.\n`);
  // Stryker's ranges take 1-based lines and 0-based columns; the report's columns are 1-based.
  const ranges = timedOut.map(({ file, mutant: { location: l } }) => `${file}:${l.start.line}:${l.start.column - 1}-${l.end.line}:${l.end.column - 1}`);
  const retry = stryker(['--mutate', ranges.join(','), ...passThrough, '--timeoutMS', String(RETRY_TIMEOUT_MS), '--concurrency', '1'], group.tests);
  return mergeRetry(first, retry);
}

function parseArgs(argv: readonly string[]): { groups: Set<string>; files: Set<string>; passThrough: string[] } {
  const groups = new Set<string>();
  const files = new Set<string>();
  const passThrough: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--group') groups.add(argv[++i] ?? '');
    else if (arg === '--file') files.add(argv[++i] ?? '');
    else passThrough.push(arg);
  }
  return { groups, files, passThrough };
}

const { GROUPS } = (await import(pathToFileURL('stryker.config.mjs').href)) as { GROUPS: readonly Group[] };
const { groups, files, passThrough } = parseArgs(process.argv.slice(2));
const plan = GROUPS.flatMap((group) => {
  if (files.size > 0) {
    // A file is named as in the group or matched by one of its globs' directory (functions/core/staff/*.ts).
    const mine = [...files].filter((file) => group.mutate.some((pattern) => pattern === file || (pattern.endsWith('/*.ts') && file.startsWith(pattern.slice(0, -4)))));
    return mine.length > 0 ? [{ group, mutate: mine }] : [];
  }
  return groups.size === 0 || groups.has(group.name) ? [{ group, mutate: group.mutate }] : [];
});
if (plan.length === 0) {
  console.error(`nothing to mutate: groups are ${GROUPS.map((g) => g.name).join(', ')}; --file takes a file of one of them`);
  process.exit(2);
}

mkdirSync(REPORT_DIR, { recursive: true });
const started = Date.now();
const merged: MutationReport = { files: {} };
const times: string[] = [];
for (const { group, mutate } of plan) {
  const groupStarted = Date.now();
  const report = runGroup(group, mutate, passThrough);
  writeFileSync(`${REPORT_DIR}/${group.name}.json`, JSON.stringify(report));
  Object.assign(merged.files, report.files);
  times.push(`${group.name} ${((Date.now() - groupStarted) / 60_000).toFixed(1)} min`);
}
writeFileSync(STRYKER_REPORT, JSON.stringify(merged));
console.log(`\n${summarize(merged)}\n\nWall time: ${((Date.now() - started) / 60_000).toFixed(1)} min (${times.join(', ')}). Every mutant: ${STRYKER_REPORT}`);
