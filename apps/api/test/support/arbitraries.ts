import { toJsonPointer } from '@textpulse/contracts';
import fc from 'fast-check';
import { document } from './documented.js';

/** The subset of JSON Schema 2020-12 that zod-to-openapi emits for the contract. */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
}

/** Follows a local $ref into the committed document. */
export function resolve(schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name] as JsonSchema | undefined;
  if (!target) throw new Error(`Unknown $ref ${schema.$ref}`);
  return resolve(target);
}

/** The JSON Schema of an operation's request body, as the document declares it. */
export function requestSchemaOf(method: string, path: string): JsonSchema {
  const operation = document.paths[path]?.[method] as
    | { requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    | undefined;
  const schema = operation?.requestBody?.content['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} has no JSON request body`);
  return resolve(schema);
}

/**
 * Arbitraries to use instead of the schema's at some JSON Pointers: for constraints the contract
 * cannot state, such as which model names this server is configured with.
 */
export type Overrides = Record<string, fc.Arbitrary<unknown>>;

/** Values that satisfy `schema`: every generated body must be accepted. */
export function validValue(
  input: JsonSchema,
  overrides: Overrides = {},
  at = '',
): fc.Arbitrary<unknown> {
  const override = overrides[at];
  if (override) return override;
  const schema = resolve(input);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, value]) => [
          key,
          validValue(value, overrides, `${at}/${key}`),
        ]),
      );
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 64;
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((value) => value.length >= min && value.length <= max);
      }
      return codePointString(lengthWithin(min, max));
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: schema.maxItems ?? 8,
      });
    default:
      throw new Error(`Unsupported schema ${JSON.stringify(schema)}`);
  }
}

/**
 * One code point of text: mostly ASCII, with other BMP characters, astral ones (a surrogate pair
 * each), NUL and lone low surrogates, which JSON carries as \\uXXXX escapes. No lone high
 * surrogate, which the next piece could complete into a pair. Storable text (PostgreSQL's) has
 * neither NUL nor lone surrogates.
 */
const storableCodePoint = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABC.,!?\'"0') },
  { weight: 2, arbitrary: fc.constantFrom('é', 'ß', 'Ж', '中', '—', '\u00a0', '\t', '\n') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '𝄞', '𠀀', '🏳') },
);
const codePoint = fc.oneof(
  { weight: 16, arbitrary: storableCodePoint },
  { weight: 1, arbitrary: fc.constantFrom('\udc00', '\udfff', '\u0000') },
);

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
 * measure strings: a surrogate pair counts once, as does a lone surrogate.
 */
export function codePointString(
  length: fc.Arbitrary<number>,
  { storable = false } = {},
): fc.Arbitrary<string> {
  const unit = storable ? storableCodePoint : codePoint;
  return length.chain((count) =>
    fc.array(unit, { minLength: count, maxLength: count }).map((points) => points.join('')),
  );
}

/** The length of `text` in code points (a lone surrogate counts as one). */
export const codePointLength = (text: string): number => [...text].length;

/** A JSON value of another type than `schema` allows. */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const others: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string(),
    number: fc
      .double({ noNaN: true, noDefaultInfinity: true })
      .filter((value) => !Number.isInteger(value)),
    boolean: fc.boolean(),
    null: fc.constant(null),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc
      .dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 3 })
      .filter((value) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value))),
  };
  const allowed = schema.type === 'integer' ? ['number'] : schema.type ? [schema.type] : [];
  const kinds = Object.keys(others).filter((kind) => !allowed.includes(kind));
  const otherType = fc.constantFrom(...kinds).chain((kind) => others[kind] ?? fc.constant(null));
  if (schema.type !== 'integer') return otherType;
  // A number where an integer belongs: the plainest fractions, within the bounds when there are any.
  const low = schema.minimum ?? 0;
  return fc.oneof(otherType, fc.constantFrom(1.5, low + 0.5, (schema.maximum ?? low + 1) - 0.5));
}

/** Values of the right type that break one of the schema's bounds, when it has any. */
function outOfBounds(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.type === 'string') {
    const { minLength, maxLength } = schema;
    if (minLength) options.push(codePointString(lengthWithin(0, minLength - 1)));
    if (maxLength !== undefined) {
      options.push(codePointString(fc.constantFrom(maxLength + 1, maxLength + 2, maxLength * 2)));
      // One code point over, the last one astral.
      options.push(fc.constant(`${'x'.repeat(maxLength)}😀`));
    }
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    // Filtered with JavaScript's own comparison: fast-check orders -0 before 0, JSON does not.
    const { minimum, maximum } = schema;
    const finite = { noNaN: true, noDefaultInfinity: true };
    const step = schema.type === 'integer' ? 1 : 1e-9;
    if (minimum !== undefined) {
      options.push(fc.constant(minimum - step));
      options.push(fc.double({ ...finite, max: minimum }).filter((value) => value < minimum));
    }
    if (maximum !== undefined) {
      options.push(fc.constant(maximum + step));
      options.push(fc.double({ ...finite, min: maximum }).filter((value) => value > maximum));
    }
  }
  if (schema.type === 'array') {
    if (schema.minItems) options.push(fc.constant([]));
    if (schema.maxItems !== undefined) {
      options.push(
        fc.array(validValue(schema.items ?? {}), {
          minLength: schema.maxItems + 1,
          maxLength: schema.maxItems + 2,
        }),
      );
    }
  }
  if (schema.enum) options.push(fc.string().filter((value) => !schema.enum?.includes(value)));
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/** Any JSON value without the keys the JSON parser refuses outright (400, not 422). */
const harmlessJson = fc
  .jsonValue()
  .filter((value) => !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value)));

export interface InvalidBody {
  body: unknown;
  /** The JSON Pointer the 422 must name. */
  path: string;
  how: string;
}

/**
 * A valid body with exactly one thing broken — a wrong type, a broken bound, a missing required
 * field or an unknown key — and the JSON Pointer of the field at fault.
 */
export function invalidBody(
  schema: JsonSchema,
  overrides: Overrides = {},
): fc.Arbitrary<InvalidBody> {
  const properties = Object.entries(schema.properties ?? {});
  const valid = validValue(schema, overrides) as fc.Arbitrary<Record<string, unknown>>;
  const mutations: fc.Arbitrary<InvalidBody>[] = [];
  for (const [key, raw] of properties) {
    const property = resolve(raw);
    mutations.push(
      fc.tuple(valid, wrongType(property)).map(([body, value]) => ({
        body: { ...body, [key]: value },
        path: `/${key}`,
        how: 'wrong type',
      })),
    );
    const bounds = outOfBounds(property);
    if (bounds) {
      mutations.push(
        fc.tuple(valid, bounds).map(([body, value]) => ({
          body: { ...body, [key]: value },
          path: `/${key}`,
          how: 'out of bounds',
        })),
      );
    }
  }
  for (const key of schema.required ?? []) {
    mutations.push(
      valid.map((body) => {
        const { [key]: _removed, ...rest } = body;
        return { body: rest, path: `/${key}`, how: 'missing' };
      }),
    );
  }
  if (schema.additionalProperties === false) {
    const unknownKey = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter(
        (key) =>
          !(key in (schema.properties ?? {})) &&
          !['__proto__', 'constructor', 'prototype'].includes(key),
      );
    mutations.push(
      fc.tuple(valid, unknownKey, harmlessJson).map(([body, key, value]) => ({
        body: { ...body, [key]: value },
        path: toJsonPointer([key]),
        how: 'unknown key',
      })),
    );
  }
  return fc.oneof(...mutations);
}

/** What the generated strings covered: lengths in code points by range, and the surrogates among them. */
export class StringCoverage {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: { min: number; max: number }) {}

  /** Records `value` when it is a string. */
  record(value: unknown): void {
    if (typeof value === 'string') {
      this.count(value);
    }
  }

  private count(text: string): void {
    const { min, max } = this.limits;
    const points = codePointLength(text);
    const range =
      points === min || points === max
        ? `= ${points}`
        : points < min || points > max
          ? `${points} (out of range)`
          : points <= min + 200
            ? `${min + 1}–${min + 200}`
            : `${min + 201}–${max - 1}`;
    this.add(`length ${range}`);
    if (text.length > max) this.add('more UTF-16 units than max');
    if (/[\ud800-\udbff][\udc00-\udfff]/.test(text)) this.add('with a surrogate pair');
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text))
      this.add('with a lone surrogate');
  }

  private add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  has(key: string): boolean {
    return (this.counts.get(key) ?? 0) > 0;
  }

  /** One line per bucket, in a stable order. */
  histogram(): string {
    return [...this.counts]
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
      .map(([key, count]) => `  ${key.padEnd(28)} ${count}`)
      .join('\n');
  }
}
