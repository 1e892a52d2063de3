import fc from 'fast-check';

/**
 * One code point of text that PostgreSQL can store: mostly ASCII, with other BMP characters and
 * astral ones (a surrogate pair each).
 */
const storableCodePoint = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC.,!?\'"0') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', 'Ж', '中', '—', '\u00a0', '\t', '\n') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '𝄞', '𠀀', '🏳') },
);

/**
 * One code point of any text JSON carries: the storable ones, and now and then NUL or a lone low
 * surrogate (sent as \\uXXXX escapes). Never a lone high surrogate, which the next piece could
 * complete into a pair.
 */
const anyCodePoint = fc.oneof(
  { weight: 16, arbitrary: storableCodePoint },
  { weight: 1, arbitrary: fc.constantFrom('\udc00', '\udfff', '\u0000') },
);

const joined = (unit: fc.Arbitrary<string>, count: number) =>
  fc.array(unit, { minLength: count, maxLength: count }).map((points) => points.join(''));

/** Lengths from `min` to `max`, the exact limits and their neighbours a third of the time. */
export function lengthWithin(min: number, max: number): fc.Arbitrary<number> {
  const edges = [min, min + 1, max - 1, max].filter((length) => length >= min && length <= max);
  return fc.oneof(
    fc.constantFrom(...edges),
    fc.integer({ min, max }),
    fc.integer({ min, max: Math.min(max, min + 200) }),
  );
}

/**
 * Strings of exactly the generated length in code points, the unit in which Zod 4 and JSON Schema
 * measure strings: a surrogate pair counts once, as does a lone surrogate. `storable` leaves out
 * NUL and lone surrogates, which PostgreSQL's text cannot hold.
 */
export function codePointString(
  length: fc.Arbitrary<number>,
  { storable = false }: { storable?: boolean } = {},
): fc.Arbitrary<string> {
  if (storable) return length.chain((count) => joined(storableCodePoint, count));
  // One string in eight may hold NUL or a lone surrogate, so that a text the contract checks for
  // storability is still storable most of the time.
  return length.chain((count) =>
    fc.oneof(
      { weight: 7, arbitrary: joined(storableCodePoint, count) },
      { weight: 1, arbitrary: joined(anyCodePoint, count) },
    ),
  );
}

/** The length of `text` in code points (a lone surrogate counts as one). */
export const codePointLength = (text: string): number => [...text].length;
