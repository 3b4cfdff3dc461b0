import { describe, expect, it } from 'vitest';
import { documentedEquivalents, mergeRetry, summarize, timedOutMutants, type Mutant, type MutationReport } from '../../../scripts/mutation-report.ts';

const SOURCE = ['const A = /^a$/;', 'export function f(x: number) {', '  return x > 1;', '}'].join('\n');

function mutant(id: string, status: Mutant['status'], line: number, column: number, mutatorName: string, replacement: string, statusReason?: string, testsCompleted = 1): Mutant {
  return { id, status, mutatorName, replacement, testsCompleted, location: { start: { line, column }, end: { line, column: column + 5 } }, ...(statusReason ? { statusReason } : {}) };
}

function report(mutants: Mutant[]): MutationReport {
  return { files: { 'functions/x.ts': { source: SOURCE, mutants } } };
}

describe('mutation report (scripts/mutate.ts)', () => {
  const first = report([
    mutant('1', 'Killed', 3, 10, 'EqualityOperator', 'x >= 1'),
    mutant('2', 'Timeout', 3, 10, 'ConditionalExpression', 'true', 'Hit limit reached (501/500)'),
    mutant('3', 'Timeout', 3, 10, 'ConditionalExpression', 'false'),
    mutant('4', 'Survived', 1, 11, 'Regex', '/a$/'),
    mutant('5', 'NoCoverage', 3, 3, 'BlockStatement', '{}'),
    mutant('6', 'Ignored', 3, 3, 'StringLiteral', '""'),
  ]);

  it('takes a time-out for a detection only when the hit counter, not the clock, stopped it', () => {
    expect(timedOutMutants(first).map(({ mutant: m }) => m.id)).toEqual(['3']);
  });

  it('replaces a time-out by its second-pass result, matched by place, mutator and replacement', () => {
    const retry = report([mutant('9', 'Survived', 3, 10, 'ConditionalExpression', 'false'), mutant('8', 'Killed', 3, 10, 'EqualityOperator', 'x >= 1')]);
    const merged = mergeRetry(first, retry);
    expect(merged.files['functions/x.ts']?.mutants.map((m) => `${m.id}:${m.status}`)).toEqual(['1:Killed', '2:Timeout', '9:Survived', '4:Survived', '5:NoCoverage', '6:Ignored']);
  });

  it('scores killed and hit-limit mutants as detected, and lists every undetected one not documented as equivalent', () => {
    const doc = ['# Equivalent mutants', '- `functions/x.ts:1:11` Regex `/a$/`: the text is one line, so ^ adds nothing.', '- `functions/x.ts:9:9` Regex `/b/`: gone.'].join('\n');
    const text = summarize(first, doc);
    expect(text).toContain('| functions/x.ts | 5 | 1 | 1 | 0 | 1 | 1 | 1 | 40.0% | 1/3 |');
    expect(text).toContain('Undetected and not documented as equivalent (2):');
    expect(text).toContain('- `functions/x.ts:3:10` ConditionalExpression `false`: was `x > 1` [Timeout]');
    expect(text).toContain('- `functions/x.ts:3:3` BlockStatement `{}`: was `retur` [NoCoverage]');
    expect(text).not.toContain('Regex `/a$/`: was');
  });

  it('scores a "survivor" with which no test could run (its module or a beforeAll threw) as detected, and says so', () => {
    const text = summarize(report([mutant('1', 'Survived', 1, 11, 'Regex', '/a$/', undefined, 0), mutant('2', 'Survived', 3, 10, 'EqualityOperator', 'x >= 1')]), '');
    expect(text).toContain('| functions/x.ts | 2 | 0 | 0 | 1 | 1 | 0 | 0 | 50.0% | 0/1 |');
    expect(text).not.toContain('Regex `/a$/`: was');
    expect(text).toContain('- `functions/x.ts:3:10` EqualityOperator `x >= 1`: was `x > 1` [Survived]');
  });

  it('reads documented equivalents, with a double-backtick replacement when it holds a backtick', () => {
    const keys = documentedEquivalents(['- `a.ts:2:3` StringLiteral ``"`x`"``: same.', '- `b.ts:4:5` ConditionalExpression `true`: same.', 'not a line'].join('\n'));
    expect([...keys]).toEqual(['a.ts:2:3 StringLiteral "`x`"', 'b.ts:4:5 ConditionalExpression true']);
  });

  it('says so when every undetected mutant is documented', () => {
    expect(summarize(report([mutant('1', 'Killed', 3, 10, 'EqualityOperator', 'x >= 1')]), '')).toContain('Every undetected mutant is documented as equivalent.');
  });
});
