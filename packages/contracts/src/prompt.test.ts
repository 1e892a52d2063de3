import { describe, expect, it } from 'vitest';
import { problemFromZodError } from './problem.js';
import { PromptFailure, PromptRequest, PromptResponse } from './prompt.js';

const prompt = (length: number) => 'p'.repeat(length);

function pathsOf(body: unknown) {
  const result = PromptRequest.safeParse(body);
  if (result.success) throw new Error('expected the body to be rejected');
  return problemFromZodError(result.error).errors.map((error) => error.path);
}

describe('PromptRequest', () => {
  it.each([
    ['8,000 astral characters', '𝄞'.repeat(8000), true],
    ['8,000 letters and an emoji', `${'a'.repeat(8000)}😀`, false],
    ['nine emoji', '😀'.repeat(9), false],
  ])('counts code points, not UTF-16 units: %s', (_name, prompt, accepted) => {
    expect(PromptRequest.safeParse({ prompt }).success).toBe(accepted);
  });

  it.each([10, 8000])('accepts a prompt of %i characters', (length) => {
    expect(PromptRequest.parse({ prompt: prompt(length) })).toEqual({ prompt: prompt(length) });
  });

  it.each([9, 8001])('rejects a prompt of %i characters', (length) => {
    expect(pathsOf({ prompt: prompt(length) })).toEqual(['/prompt']);
  });

  it('accepts every optional field at its bounds', () => {
    const body = {
      prompt: prompt(10),
      models: ['a', 'b', 'c', 'd', 'e'],
      max_tokens: 4096,
      temperature: 2,
    };
    expect(PromptRequest.parse(body)).toEqual(body);
    expect(
      PromptRequest.parse({ ...body, models: ['local'], max_tokens: 1, temperature: 0 }).max_tokens,
    ).toBe(1);
  });

  it.each([
    [{ models: [] }, '/models'],
    [{ models: ['a', 'b', 'c', 'd', 'e', 'f'] }, '/models'],
    [{ models: ['local', ''] }, '/models/1'],
    [{ models: ['two words'] }, '/models/0'],
    [{ models: 'local' }, '/models'],
    [{ max_tokens: 0 }, '/max_tokens'],
    [{ max_tokens: 4097 }, '/max_tokens'],
    [{ max_tokens: 1.5 }, '/max_tokens'],
    [{ temperature: -0.1 }, '/temperature'],
    [{ temperature: 2.1 }, '/temperature'],
    [{ temperature: '1' }, '/temperature'],
    [{ seed: 1 }, '/seed'],
  ])('rejects %j at %s', (change, path) => {
    expect(pathsOf({ prompt: prompt(10), ...change })).toEqual([path]);
  });

  it('rejects a missing prompt', () => {
    expect(pathsOf({ models: ['local'] })).toEqual(['/prompt']);
  });
});

describe('PromptResponse and PromptFailure', () => {
  const attempts = [
    { model: 'remote', ok: false, duration_ms: 12, error: 'HTTP 500' },
    { model: 'local', ok: true, duration_ms: 1 },
  ];

  it('accepts an answer with its attempts', () => {
    const body = { model: 'local', output: 'Hello', attempts };
    expect(PromptResponse.parse(body)).toEqual(body);
  });

  it('rejects an attempt with a negative duration', () => {
    const body = {
      model: 'local',
      output: 'x',
      attempts: [{ model: 'local', ok: true, duration_ms: -1 }],
    };
    expect(PromptResponse.safeParse(body).success).toBe(false);
  });

  it('is a problem body that carries the attempts', () => {
    const body = {
      type: '/problems/upstream-failed',
      title: 'Every model failed',
      status: 502,
      attempts,
    };
    expect(PromptFailure.parse(body)).toEqual(body);
    expect(PromptFailure.safeParse({ ...body, attempts: undefined }).success).toBe(false);
  });
});
