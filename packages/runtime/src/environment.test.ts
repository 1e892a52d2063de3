import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commaSeparated, EnvironmentError, readEnvironment } from './environment.js';

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

describe('commaSeparated', () => {
  const Models = z.object({ MODELS: commaSeparated(z.enum(['local', 'remote'])) });

  it('reads the items, spaces around them and empty ones left out', () => {
    expect(readEnvironment(Models, { MODELS: ' local, remote,,' })).toEqual({
      MODELS: ['local', 'remote'],
    });
  });

  it('checks each item, naming its index, and wants at least one', () => {
    expect(() => readEnvironment(Models, { MODELS: 'local,other' })).toThrow(/^ {2}MODELS\.1: /m);
    expect(() => readEnvironment(Models, { MODELS: ' , ' })).toThrow(/^ {2}MODELS: /m);
  });
});
