import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvironmentError, readEnvironment } from './environment.js';

const Env = z.object({
  PORT: z.coerce.number().int().default(3000),
  MODELS: z
    .string()
    .default('local')
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(['local', 'remote']))),
});

describe('readEnvironment', () => {
  it('returns what the schema makes of the environment', () => {
    expect(readEnvironment(Env, { PORT: '8080', UNRELATED: 'x' })).toEqual({
      PORT: 8080,
      MODELS: ['local'],
    });
  });

  it('throws an EnvironmentError naming each variable at fault, one per line', () => {
    const read = () => readEnvironment(Env, { PORT: 'eighty', MODELS: 'local,other' });
    expect(read).toThrow(EnvironmentError);
    // Its name is what a log line or an uncaught error prints first.
    expect(read).toThrow(expect.objectContaining({ name: 'EnvironmentError' }));
    expect(read).toThrow(/^Invalid environment:\n {2}PORT: [^\n]+\n {2}MODELS\.1: [^\n]+$/);
  });
});
