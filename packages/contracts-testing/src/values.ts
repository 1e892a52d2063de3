import { toJsonPointer } from '@textpulse/contracts';
import fc from 'fast-check';
import { z } from 'zod';
import type { JsonSchema, SchemaDocument } from './json-schema.js';
import { codePointString, lengthWithin } from './strings.js';

/**
 * Arbitraries to use instead of the schema's at some JSON Pointers into the value: for what a
 * schema cannot state, such as which model names a server is configured with.
 */
export type Overrides = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** A value with exactly one thing wrong, and the JSON Pointer of the part at fault. */
export interface InvalidValue {
  value: unknown;
  /** Where the defect is: a validation error must name this pointer (or one below it). */
  path: string;
  how: 'wrong type' | 'out of bounds' | 'missing' | 'unknown key';
}

/** Keys that a JSON parser guarding against prototype pollution refuses outright. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
const withoutForbiddenKeys = (value: unknown) =>
  !/"(__proto__|constructor|prototype)":/.test(JSON.stringify(value));

/** Any JSON value without a forbidden key. */
const harmlessJson = fc.jsonValue().filter(withoutForbiddenKeys);

const DATE_RANGE = {
  min: new Date('2000-01-01T00:00:00.000Z'),
  max: new Date('2099-12-31T23:59:59.999Z'),
  noInvalidDate: true,
};

/** Strings of a known format, where the format says more than the pattern does. */
const formats: Record<string, fc.Arbitrary<string>> = {
  'date-time': fc.date(DATE_RANGE).map((date) => date.toISOString()),
  date: fc.date(DATE_RANGE).map((date) => date.toISOString().slice(0, 10)),
  uuid: fc.uuid(),
  uri: fc.webUrl(),
  url: fc.webUrl(),
};

function stringCandidates(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 64);
  const withinLength = (value: string) => value.length >= min && value.length <= max;
  const format = schema.format === undefined ? undefined : formats[schema.format];
  if (format) return format.filter(withinLength);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(withinLength);
  return codePointString(lengthWithin(min, max));
}

/** How many candidates must include one the contract accepts, or the string needs an override. */
const PROBE = { numRuns: 40, seed: 1 };

/**
 * Strings the JSON Schema describes that the contract's own Zod schema also accepts: it may check
 * more than JSON Schema can say (text PostgreSQL can store). When it refuses nearly every
 * candidate (a cursor only the API makes), the string needs an override, and the error says so.
 */
function stringValue(
  document: SchemaDocument,
  schema: JsonSchema,
  at: string,
): fc.Arbitrary<string> {
  const candidates = stringCandidates(schema);
  const zod = document.zodOf(schema);
  if (!zod) return candidates;
  const accepted = (value: string) => z.safeParse(zod, value).success;
  if (!fc.sample(candidates, PROBE).some(accepted)) {
    throw new Error(
      `The contract checks the string at "${at}" beyond its JSON Schema, and no generated string passes: give it an override.`,
    );
  }
  return candidates.filter(accepted);
}

function numberValue(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  if (integer) {
    const min = minimum ?? (exclusiveMinimum === undefined ? -1e9 : exclusiveMinimum + 1);
    const max = maximum ?? (exclusiveMaximum === undefined ? 1e9 : exclusiveMaximum - 1);
    return fc.integer({ min, max });
  }
  return fc.double({
    min: minimum ?? exclusiveMinimum ?? -1e9,
    max: maximum ?? exclusiveMaximum ?? 1e9,
    minExcluded: minimum === undefined && exclusiveMinimum !== undefined,
    maxExcluded: maximum === undefined && exclusiveMaximum !== undefined,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Values that satisfy `schema`, with `overrides` by JSON Pointer (`at` is where `schema` sits). */
export function validValue(
  document: SchemaDocument,
  input: JsonSchema,
  overrides: Overrides = {},
  at = '',
): fc.Arbitrary<unknown> {
  const override = overrides[at];
  if (override) return override;
  const schema = document.resolve(input);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches)
    return fc.oneof(...branches.map((branch) => validValue(document, branch, overrides, at)));
  if (Array.isArray(schema.type)) {
    return fc.oneof(
      ...schema.type.map((type) => validValue(document, { ...schema, type }, overrides, at)),
    );
  }
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0 && typeof schema.additionalProperties === 'object') {
        const key = fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((k) => !FORBIDDEN_KEYS.includes(k));
        return fc.dictionary(key, validValue(document, schema.additionalProperties), {
          maxKeys: 4,
        });
      }
      const record = Object.fromEntries(
        properties.map(([key, value]) => [
          key,
          validValue(document, value, overrides, `${at}${toJsonPointer([key])}`),
        ]),
      );
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    case 'string':
      return stringValue(document, schema, at);
    case 'integer':
      return numberValue(schema, true);
    case 'number':
      return numberValue(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(
        schema.items ? validValue(document, schema.items, overrides, `${at}/0`) : harmlessJson,
        {
          minLength: schema.minItems ?? 0,
          maxLength: schema.maxItems ?? Math.max(schema.minItems ?? 0, 8),
        },
      );
    default:
      // A schema that allows anything (what Zod cannot express in JSON Schema).
      return harmlessJson;
  }
}

/** The JSON types `schema` allows, or undefined when it does not say. */
function allowedTypes(document: SchemaDocument, input: JsonSchema): string[] | undefined {
  const schema = document.resolve(input);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const types = branches.map((branch) => allowedTypes(document, branch));
    return types.every((list) => list !== undefined) ? types.flat() : undefined;
  }
  if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
  const values = 'const' in schema ? [schema.const] : schema.enum;
  return values?.map((value) =>
    value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value,
  );
}

/** A JSON value of another type than `schema` allows, when the schema says which it allows. */
function wrongType(
  document: SchemaDocument,
  schema: JsonSchema,
): fc.Arbitrary<unknown> | undefined {
  const allowed = allowedTypes(document, schema);
  if (allowed === undefined) return undefined;
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
      .filter(withoutForbiddenKeys),
  };
  const kinds = Object.keys(others).filter(
    (kind) => !allowed.includes(kind) && !(kind === 'number' && allowed.includes('integer')),
  );
  const otherType = fc.constantFrom(...kinds).chain((kind) => others[kind] ?? fc.constant(null));
  const resolved = document.resolve(schema);
  if (resolved.type !== 'integer') return otherType;
  // A number where an integer belongs: the plainest fractions, within the bounds when there are any.
  const low = resolved.minimum ?? 0;
  return fc.oneof(otherType, fc.constantFrom(1.5, low + 0.5, (resolved.maximum ?? low + 1) - 0.5));
}

/** Values of the right type that break one of the schema's bounds, when it has any. */
function outOfBounds(
  document: SchemaDocument,
  input: JsonSchema,
): fc.Arbitrary<unknown> | undefined {
  const schema = document.resolve(input);
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
        fc.array(validValue(document, schema.items ?? {}), {
          minLength: schema.maxItems + 1,
          maxLength: schema.maxItems + 2,
        }),
      );
    }
  }
  const { enum: allowed } = schema;
  if (allowed) options.push(fc.string().filter((value) => !allowed.includes(value)));
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/**
 * A valid object with exactly one thing broken — a wrong type, a broken bound, a missing required
 * field or an unknown key — and the JSON Pointer of the field at fault.
 */
export function invalidValue(
  document: SchemaDocument,
  overrides: Overrides = {},
): fc.Arbitrary<InvalidValue> {
  const schema = document.top;
  if (schema.type !== 'object') throw new Error('invalidValue needs the schema of an object');
  const valid = validValue(document, schema, overrides) as fc.Arbitrary<Record<string, unknown>>;
  const mutations: fc.Arbitrary<InvalidValue>[] = [];
  const broken = (key: string, how: InvalidValue['how'], values: fc.Arbitrary<unknown>) =>
    fc.tuple(valid, values).map(([body, value]) => ({
      value: { ...body, [key]: value },
      path: toJsonPointer([key]),
      how,
    }));
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const wrong = wrongType(document, property);
    if (wrong) mutations.push(broken(key, 'wrong type', wrong));
    const bounds = outOfBounds(document, property);
    if (bounds) mutations.push(broken(key, 'out of bounds', bounds));
  }
  for (const key of schema.required ?? []) {
    mutations.push(
      valid.map((body) => {
        const { [key]: _removed, ...rest } = body;
        return { value: rest, path: toJsonPointer([key]), how: 'missing' as const };
      }),
    );
  }
  if (schema.additionalProperties === false) {
    const unknownKey = fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((key) => !(key in (schema.properties ?? {})) && !FORBIDDEN_KEYS.includes(key));
    mutations.push(
      fc.tuple(valid, unknownKey, harmlessJson).map(([body, key, value]) => ({
        value: { ...body, [key]: value },
        path: toJsonPointer([key]),
        how: 'unknown key' as const,
      })),
    );
  }
  if (mutations.length === 0) throw new Error('the schema allows every object: nothing to break');
  return fc.oneof(...mutations);
}
