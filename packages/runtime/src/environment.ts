import { z } from 'zod';

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

/**
 * A variable holding a comma-separated list (`a, b`), each item checked by `item`: at least one,
 * spaces around items ignored; an issue names the item's index (`NAME.1`).
 */
export const commaSeparated = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1));
