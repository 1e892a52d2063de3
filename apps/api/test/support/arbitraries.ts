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
      const length = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 64 };
      if (schema.pattern) {
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((value) => value.length >= length.minLength && value.length <= length.maxLength);
      }
      return fc.string({ ...length, unit: 'binary' });
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
  return fc.constantFrom(...kinds).chain((kind) => others[kind] ?? fc.constant(null));
}

/** Values of the right type that break one of the schema's bounds, when it has any. */
function outOfBounds(schema: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.type === 'string') {
    if (schema.minLength) options.push(fc.string({ maxLength: schema.minLength - 1 }));
    if (schema.maxLength !== undefined) options.push(fc.constant('x'.repeat(schema.maxLength + 1)));
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    // Filtered with JavaScript's own comparison: fast-check orders -0 before 0, JSON does not.
    const { minimum, maximum } = schema;
    const finite = { noNaN: true, noDefaultInfinity: true };
    if (minimum !== undefined)
      options.push(fc.double({ ...finite, max: minimum }).filter((value) => value < minimum));
    if (maximum !== undefined)
      options.push(fc.double({ ...finite, min: maximum }).filter((value) => value > maximum));
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
        path: `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        how: 'unknown key',
      })),
    );
  }
  return fc.oneof(...mutations);
}
