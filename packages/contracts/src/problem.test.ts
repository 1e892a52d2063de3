import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  cataloguedProblem,
  fromJsonPointer,
  Problem,
  type ProblemName,
  problem,
  problemCatalog,
  problemFromZodError,
  problemType,
  toJsonPointer,
} from './problem.js';

describe('problemFromZodError', () => {
  const schema = z.strictObject({ name: z.string().min(2), tags: z.array(z.string()) });

  it('makes a 422 problem listing every issue with a JSON Pointer path', () => {
    const result = schema.safeParse({ name: 'x', tags: ['ok', 3], extra: true });
    if (result.success) throw new Error('expected failure');
    const body = problemFromZodError(result.error, { instance: '/v1/things' });
    expect(body).toEqual({
      type: '/problems/validation-error',
      title: 'Validation failed',
      status: 422,
      detail: 'The request body has 3 invalid fields.',
      instance: '/v1/things',
      errors: [
        { path: '/name', code: 'too_small', message: expect.stringContaining('2') },
        { path: '/tags/1', code: 'invalid_type', message: expect.stringContaining('string') },
        { path: '/extra', code: 'unrecognized_keys', message: 'Unrecognized key: "extra"' },
      ],
    });
    expect(Problem.parse(body)).toEqual(body);
  });

  it('says "field" for a single violation and leaves instance out when not given', () => {
    const result = schema.safeParse({ name: 'ok', tags: 'no' });
    if (result.success) throw new Error('expected failure');
    const body = problemFromZodError(result.error);
    expect(body.detail).toBe('The request body has 1 invalid field.');
    expect(body).not.toHaveProperty('instance');
  });
});

describe('problem', () => {
  it('takes status and title from the catalog, and a type of its own, for every problem', () => {
    for (const [name, entry] of Object.entries(problemCatalog)) {
      const body = problem(name as ProblemName);
      expect(body).toEqual({ type: `/problems/${name}`, title: entry.title, status: entry.status });
      expect(Problem.safeParse(body).success).toBe(true);
      expect(cataloguedProblem(body)).toBe(name);
    }
    const types = Object.keys(problemCatalog).map((name) => problemType(name as ProblemName));
    expect(new Set(types).size).toBe(types.length);
  });

  it('adds detail, instance and extension members', () => {
    expect(problem('not-found', { detail: 'No route', instance: '/x', hint: 1 })).toEqual({
      type: '/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No route',
      instance: '/x',
      hint: 1,
    });
  });
});

describe('cataloguedProblem', () => {
  it.each([
    ['a type outside the catalog', { type: 'about:blank', title: 'Not Found', status: 404 }],
    ["another problem's status", { type: '/problems/not-found', title: 'Not Found', status: 410 }],
    ["another problem's title", { type: '/problems/not-found', title: 'Gone', status: 404 }],
    ['no problem at all', { status: 404 }],
  ])('finds none for %s', (_name, body) => {
    expect(cataloguedProblem(body)).toBeUndefined();
  });
});

describe('JSON Pointer paths', () => {
  it.each([
    [[], ''],
    [['text'], '/text'],
    [['models', 0], '/models/0'],
    [['a/b', 'c~d'], '/a~1b/c~0d'],
  ])('%j <-> %s', (path, pointer) => {
    expect(toJsonPointer(path)).toBe(pointer);
    expect(fromJsonPointer(pointer)).toEqual(path.map(String));
  });
});
