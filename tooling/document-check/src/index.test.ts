import { describe, expect, it } from 'vitest';
import {
  componentSchema,
  declaredResponse,
  document,
  responseSchema,
  violations,
} from './index.js';

describe('the document check', () => {
  it('reads the committed document', () => {
    expect(Object.keys(document.paths)).toContain('/v1/analyze');
  });

  it('finds a declared response and validates a body against its schema', () => {
    expect(Object.keys(declaredResponse('post', '/v1/analyze', 200)?.content ?? {})).toEqual([
      'application/json',
    ]);
    expect(declaredResponse('post', '/v1/analyze', 418)).toBeUndefined();
    const ref = responseSchema('post', '/v1/analyze', 200, 'application/json');
    const analysis = { sentiment_score: 0.5, sentiment_label: 'positive', word_count: 3 };
    expect(violations(analysis, ref)).toEqual([]);
    expect(violations({ ...analysis, sentiment_score: 'high' }, ref)).toEqual([
      '/sentiment_score must be number',
    ]);
  });

  it('validates against a component', () => {
    const problem = { type: '/problems/not-found', title: 'Not Found', status: 404 };
    expect(violations(problem, componentSchema('Problem'))).toEqual([]);
    expect(violations({ ...problem, status: 'no' }, componentSchema('Problem'))).not.toEqual([]);
  });
});
