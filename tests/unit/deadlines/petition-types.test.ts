import { describe, expect, it } from 'vitest';
import { defaultPetitionType } from '../../../functions/core/deadlines/default-petition-type.ts';
import { PETITION_POLICIES, PETITION_TYPES } from '../../../functions/core/deadlines/petition-types.ts';

describe('petition type policy table', () => {
  it('gives each type the decree\'s period and cites where it comes from', () => {
    const periods = Object.fromEntries(PETITION_TYPES.map((type) => [type, PETITION_POLICIES[type].period]));
    expect(periods).toEqual({
      'inquiry-procedure': { unit: 'working-days', amount: 7 },
      'inquiry-law': { unit: 'working-days', amount: 14 },
      suggestion: { unit: 'working-days', amount: 14 },
      grievance: { unit: 'working-days', amount: 7 },
      other: { unit: 'working-hours', amount: 3 },
      immediate: { unit: 'working-hours', amount: 3 },
    });
    for (const type of PETITION_TYPES) expect(PETITION_POLICIES[type].basis).toMatch(/시행령 제1[4-9]조/);
  });
});

describe('defaultPetitionType', () => {
  it('starts a complaint as a procedure inquiry when no knowledge case category was chosen', () => {
    expect(defaultPetitionType()).toBe('inquiry-procedure');
    expect(defaultPetitionType('unknown-category')).toBe('inquiry-procedure');
    expect(defaultPetitionType('constructor')).toBe('inquiry-procedure');
  });

  it('takes the type a knowledge case category names', () => {
    expect(defaultPetitionType('law-interpretation')).toBe('inquiry-law');
    expect(defaultPetitionType('policy-suggestion')).toBe('suggestion');
    expect(defaultPetitionType(' grievance ')).toBe('grievance');
    expect(defaultPetitionType('immediate')).toBe('immediate');
  });
});
