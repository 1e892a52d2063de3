import type { z } from 'zod';

/** The environment broke its schema: the message names each variable at fault, one per line. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

/**
 * The environment parsed by `schema`; a bad value throws an EnvironmentError whose message is
 * `Invalid environment:` and one line per issue, `  NAME: message` (`NAME.0` for a list item).
 */
export function readEnvironment<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvironmentError(`Invalid environment:\n${lines.join('\n')}`);
}
