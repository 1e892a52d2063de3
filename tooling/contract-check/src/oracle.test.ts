import { endpoints } from '@textpulse/contracts';
import { buildOpenApiDocument } from '@textpulse/contracts/openapi';
import { describe, expect, it } from 'vitest';
import type { Document } from './classify.js';
import { corpus } from './corpus.js';
import { typeIncompatibilities } from './type-oracle.js';

const documentOf = (table?: Parameters<typeof buildOpenApiDocument>[1]) =>
  JSON.parse(JSON.stringify(buildOpenApiDocument('1.0.0', table))) as Document;
const baseline = documentOf();

describe('TypeScript, the second oracle', () => {
  it('finds no break between the contract and itself', async () => {
    expect(await typeIncompatibilities(baseline, documentOf())).toEqual([]);
  });

  it('finds breaks only in the changes the classifier calls breaking', async () => {
    const found: Record<string, string[]> = {};
    for (const change of corpus) {
      const current = documentOf(change.table?.({ ...endpoints }));
      change.document?.(current);
      const before = change.released ? documentOf(change.released({ ...endpoints })) : baseline;
      const broken = await typeIncompatibilities(before, current);
      if (broken.length > 0) found[change.name] = broken;
    }
    for (const name of Object.keys(found)) {
      expect(corpus.find((change) => change.name === name)?.expected, name).toBe('breaking');
    }
    // What types can see: fields, required-ness, null, enums; not limits, formats or statuses.
    expect(found).toEqual({
      'a required query parameter added': ['listAnalyses: query'],
      'a response field removed': ['getAnalysis: success'],
      'a response field made optional': ['analyzeText: success'],
      'a required request field added': ['analyzeText: body'],
      'an optional request field made required': ['analyzeText: body'],
      'a response field made nullable': ['getAnalysis: success'],
      'a response enum value added': ['analyzeText: success'],
      'a request enum value removed': ['listAnalyses: query'],
    });
  });
});
