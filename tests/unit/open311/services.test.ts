import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPEN311_SERVICES, hasMetadata } from '../../../functions/core/open311/services.ts';

/** (대분류코드, 대분류명, 중분류명) of every case in the starter knowledge base. */
function knowledgeCategories(): Set<string> {
  const [header = '', ...lines] = readFileSync(new URL('../../../data/knowledge/cases-starter.csv', import.meta.url), 'utf8').split('\n');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  const found = new Set<string>();
  for (const line of lines) {
    // The first four columns never hold commas or quotes; the rest of the line is not needed.
    const cells = line.split(',');
    if (cells.length > at('중분류명')) found.add(`${cells[at('대분류코드')]}|${cells[at('대분류명')]}|${cells[at('중분류명')]}`);
  }
  return found;
}

describe('the Open311 service list', () => {
  it('has one service per category of the knowledge base, and none the knowledge base does not have', () => {
    const categories = knowledgeCategories();
    const services = OPEN311_SERVICES.map((s) => `${s.knowledge.categoryCode}|${s.knowledge.category}|${s.knowledge.subCategory}`);
    expect(new Set(services)).toEqual(categories);
    expect(services).toHaveLength(categories.size);
  });

  it('uses unique URL-safe codes and names every service, group and value in Korean and English', () => {
    const codes = OPEN311_SERVICES.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of OPEN311_SERVICES) {
      expect(entry.code).toMatch(/^[a-z][a-z0-9-]{1,40}$/);
      for (const text of [entry.name, entry.description, entry.group, entry.keywords]) {
        expect(text.ko.trim(), entry.code).not.toBe('');
        expect(text.en.trim(), entry.code).not.toBe('');
      }
      for (const attribute of entry.attributes ?? []) {
        const lists = attribute.datatype === 'singlevaluelist' || attribute.datatype === 'multivaluelist';
        expect((attribute.values?.length ?? 0) > 0, `${entry.code}.${attribute.code}`).toBe(lists);
      }
    }
  });

  it('says metadata true exactly for the services with attributes', () => {
    expect(OPEN311_SERVICES.filter(hasMetadata).map((s) => s.code)).toEqual(['parking-illegal', 'roads', 'household-waste']);
  });
});
