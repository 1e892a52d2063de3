import { endpoints } from '@textpulse/contracts';
import { buildOpenApiDocument } from '@textpulse/openapi';
import { describe, expect, it } from 'vitest';
import { type Change, classify, type Document } from './classify.js';
import { corpus } from './corpus.js';

const RANK: Record<Change, number> = { documentation: 0, 'non-breaking': 1, breaking: 2 };
const TODAY = '2026-12-07';
const documentOf = (table?: Parameters<typeof buildOpenApiDocument>[1]) =>
  JSON.parse(JSON.stringify(buildOpenApiDocument('1.0.0', table))) as Document;
const baseline = documentOf();
const buildTable = () => ({ ...endpoints });

describe('the corpus of contract changes', () => {
  it('has at least 30 cases, each rule with a breaking and a non-breaking (or documentation) case', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const rules = new Map<string, Set<Change>>();
    for (const { rule, expected } of corpus)
      rules.set(rule, (rules.get(rule) ?? new Set()).add(expected));
    for (const [rule, classes] of rules) {
      if (rule === 'documentation') continue;
      expect([...classes].sort(), rule).toEqual(['breaking', 'non-breaking']);
    }
  });

  it('leaves the document unchanged when nothing changed', () => {
    expect(classify(baseline, documentOf(), { today: TODAY })).toEqual([]);
  });

  it.each(corpus)('classifies "$name" as $expected', (change) => {
    const { table, document, expected, released, today = TODAY, beforeSunset = false } = change;
    const current = documentOf(table?.(buildTable()));
    document?.(current);
    const before = released ? documentOf(released(buildTable())) : baseline;
    const differences = classify(before, current, { today });
    expect(differences.some((difference) => difference.beforeSunset !== undefined)).toBe(
      beforeSunset,
    );
    expect(differences.length).toBeGreaterThan(0);
    const highest = differences.reduce(
      (top, { change }) => (RANK[change] > RANK[top] ? change : top),
      'documentation' as Change,
    );
    expect(highest, JSON.stringify(differences, null, 1)).toBe(expected);
  });
});
