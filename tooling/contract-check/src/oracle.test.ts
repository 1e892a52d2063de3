import { endpoints } from '@textpulse/contracts';
import { buildOpenApiDocument } from '@textpulse/openapi';
import { describe, expect, it } from 'vitest';
import type { Document } from './classify.js';
import { corpus } from './corpus.js';
import { typeIncompatibilities } from './type-oracle.js';

const documentOf = (table?: Parameters<typeof buildOpenApiDocument>[1]) =>
  JSON.parse(JSON.stringify(buildOpenApiDocument('1.0.0', table))) as Document;
const baseline = documentOf();

/**
 * What TypeScript finds broken in the corpus: fields, required-ness, null and enums; not limits,
 * formats or statuses. Every other change compiles against the old client.
 */
const FOUND: Record<string, string[]> = {
  'a required query parameter added': ['listAnalyses: query'],
  'a response field removed': ['getAnalysis: success'],
  'a response field made optional': ['analyzeText: success'],
  'a required request field added': ['analyzeText: body'],
  'an optional request field made required': ['analyzeText: body'],
  'a response field made nullable': ['getAnalysis: success'],
  'a response enum value added': ['analyzeText: success'],
  'a request enum value removed': ['listAnalyses: query'],
};

describe('TypeScript, the second oracle', () => {
  it('finds no break between the contract and itself', async () => {
    expect(await typeIncompatibilities(baseline, documentOf())).toEqual([]);
  });

  it('finds breaks in some of the corpus', () => {
    for (const name of Object.keys(FOUND)) {
      expect(corpus.find((change) => change.name === name)?.expected, name).toBe('breaking');
    }
  });

  it.each(corpus)('finds in "$name" only what the classifier calls breaking', async (change) => {
    const current = documentOf(change.table?.({ ...endpoints }));
    change.document?.(current);
    const before = change.released ? documentOf(change.released({ ...endpoints })) : baseline;
    const broken = await typeIncompatibilities(before, current);
    expect(broken).toEqual(FOUND[change.name] ?? []);
    if (broken.length > 0) expect(change.expected).toBe('breaking');
  });
});
