import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './analyses.js';
import { endpoints } from './endpoints.js';
import { validateRequest } from './validation.js';

const id = '0b4a6f2e-8c1d-4f3a-9e7b-5d2c1a0f9e8d';

describe('validateRequest', () => {
  it('gives the parsed parts, defaults applied, when every part is valid', () => {
    expect(validateRequest(endpoints.listAnalyses, { query: {} })).toEqual({
      success: true,
      data: { query: { limit: 20 } },
    });
    expect(validateRequest(endpoints.getAnalysis, { params: { id } })).toEqual({
      success: true,
      data: { params: { id } },
    });
  });

  it('points at the query and the path with their prefixes, and calls it the request', () => {
    const query = validateRequest(
      endpoints.listAnalyses,
      { query: { limit: '0', sentiment_label: 'meh' } },
      '/v1/analyses',
    );
    expect(query.success ? undefined : query.problem).toMatchObject({
      status: 422,
      detail: 'The request has 2 invalid fields.',
      instance: '/v1/analyses',
      errors: [
        { path: '/query/limit', code: 'too_small' },
        { path: '/query/sentiment_label', code: 'invalid_value' },
      ],
    });
    const params = validateRequest(endpoints.getAnalysis, { params: { id: 'x' } });
    expect(params.success ? undefined : params.problem).toMatchObject({
      detail: 'The request has 1 invalid field.',
      errors: [{ path: '/path/id', code: 'invalid_format' }],
    });
  });

  it('points into the body from its root, calls it the request body, and names no instance unless given', () => {
    const result = validateRequest(endpoints.analyze, { body: { text: '' } });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.problem.detail).toBe('The request body has 1 invalid field.');
    expect(result.problem.errors).toEqual([
      expect.objectContaining({ path: '/text', code: 'too_small' }),
    ]);
    expect(result.problem).not.toHaveProperty('instance');
  });
});

describe('the cursor of a page', () => {
  it('is the id base64url-encoded, and decodes back to it', () => {
    const cursor = encodeCursor(id);
    expect(cursor).toBe('MGI0YTZmMmUtOGMxZC00ZjNhLTllN2ItNWQyYzFhMGY5ZThk');
    expect(decodeCursor(cursor)).toBe(id);
  });

  it('uses the URL-safe alphabet, without padding', () => {
    // Ids are UUIDs, whose base64 needs neither; the replacements cover any other string.
    expect(encodeCursor('\u00fb\u00ff\u00be?')).toBe('-_--Pw');
  });

  it.each([
    ['not base64url', 'garbage!'],
    ['too long', 'A'.repeat(201)],
    ['empty', ''],
    ['base64 of something else than an id', encodeCursor('not-an-id')],
    ['not decodable', 'A'],
    ['padded with whitespace, which atob would skip', ` ${encodeCursor(id)}`],
  ])('is refused when %s', (_, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
