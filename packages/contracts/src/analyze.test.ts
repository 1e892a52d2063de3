import { describe, expect, it } from 'vitest';
import { AnalyzeRequest, AnalyzeResponse } from './analyze.js';
import { problemFromZodError } from './problem.js';

const text = (length: number) => 'a'.repeat(length);

function errorsOf(body: unknown) {
  const result = AnalyzeRequest.safeParse(body);
  if (result.success) throw new Error('expected the body to be rejected');
  return problemFromZodError(result.error).errors;
}

describe('AnalyzeRequest', () => {
  it.each([10, 11, 4999, 5000])('accepts text of %i characters', (length) => {
    expect(AnalyzeRequest.parse({ text: text(length) }).text).toHaveLength(length);
  });

  it.each([
    [9, 'Enter at least 10 characters.'],
    [0, 'Enter at least 10 characters.'],
    [5001, 'Enter at most 5000 characters.'],
  ])('rejects text of %i characters', (length, message) => {
    expect(errorsOf({ text: text(length) })).toEqual([
      { path: '/text', code: expect.any(String), message },
    ]);
  });

  it.each([
    ['ten emoji (20 UTF-16 units)', '😀'.repeat(10), true],
    ['nine emoji and a letter', `${'😀'.repeat(9)}a`, true],
    ['nine emoji (18 UTF-16 units)', '😀'.repeat(9), false],
    ['5,000 emoji (10,000 UTF-16 units)', '😀'.repeat(5000), true],
    ['4,999 letters and an emoji', `${'a'.repeat(4999)}😀`, true],
    ['5,000 letters and an emoji', `${'a'.repeat(5000)}😀`, false],
    ['a lone surrogate among nine letters', `\ud800${'a'.repeat(9)}`, true],
  ])('counts code points, not UTF-16 units: %s', (_name, value, accepted) => {
    expect(AnalyzeRequest.safeParse({ text: value }).success).toBe(accepted);
  });

  it('defaults extract_entities to false in the parsed output', () => {
    expect(AnalyzeRequest.parse({ text: text(10) })).toEqual({
      text: text(10),
      extract_entities: false,
    });
    expect(AnalyzeRequest.parse({ text: text(10), extract_entities: true }).extract_entities).toBe(
      true,
    );
  });

  it.each([
    [{ text: 42 }, '/text', 'invalid_type'],
    [{ text: null }, '/text', 'invalid_type'],
    [{}, '/text', 'invalid_type'],
    [{ text: text(10), extract_entities: 'yes' }, '/extract_entities', 'invalid_type'],
    [{ text: text(10), extract_entities: 1 }, '/extract_entities', 'invalid_type'],
  ])('rejects %j at %s', (body, path, code) => {
    expect(errorsOf(body)).toEqual([expect.objectContaining({ path, code })]);
  });

  it.each([null, 'text', 42, [], [{ text: text(10) }]])(
    'rejects a root that is not an object: %j',
    (body) => {
      expect(errorsOf(body)).toEqual([expect.objectContaining({ path: '', code: 'invalid_type' })]);
    },
  );

  it('rejects unknown keys, one error per key (the documented policy)', () => {
    expect(errorsOf({ text: text(10), extractEntities: true, lang: 'en' })).toEqual([
      {
        path: '/extractEntities',
        code: 'unrecognized_keys',
        message: 'Unrecognized key: "extractEntities"',
      },
      { path: '/lang', code: 'unrecognized_keys', message: 'Unrecognized key: "lang"' },
    ]);
  });

  it('reports every violation at once', () => {
    expect(errorsOf({ text: 1, extract_entities: 'no' }).map((error) => error.path)).toEqual([
      '/text',
      '/extract_entities',
    ]);
  });
});

describe('AnalyzeResponse', () => {
  const valid = { sentiment_score: 0.5, sentiment_label: 'positive', word_count: 3 };

  it('accepts a result without entities and strips unknown fields', () => {
    expect(AnalyzeResponse.parse({ ...valid, internal: 'secret' })).toEqual(valid);
  });

  it.each([
    { sentiment_score: 1.01 },
    { sentiment_score: -1.01 },
    { sentiment_label: 'mixed' },
    { word_count: -1 },
    { word_count: 1.5 },
    { entities: [{ text: 'Ada', type: 'animal', start: 0, end: 3 }] },
  ])('rejects %j', (change) => {
    expect(AnalyzeResponse.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});
