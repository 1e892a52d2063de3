import type { AnyEndpoint } from '@textpulse/contracts';
import type fc from 'fast-check';
import type { z } from 'zod';
import { SchemaDocument } from './json-schema.js';
import { type InvalidValue, invalidValue, type Overrides, validValue } from './values.js';

export { type JsonSchema, SchemaDocument } from './json-schema.js';
export { codePointLength, codePointString, lengthWithin } from './strings.js';
export type { InvalidValue, Overrides };

/** What the arbitraries may be told: values to use at some JSON Pointers instead of the schema's. */
export interface ArbitraryOptions {
  readonly overrides?: Overrides;
}

function valuesOf(schema: z.ZodType, io: 'input' | 'output', overrides?: Overrides) {
  const document = SchemaDocument.of(schema, io);
  return validValue(document, document.top, overrides);
}

/** Values that `schema` accepts as input: what a client may send. */
export function validInput<S extends z.ZodType>(
  schema: S,
  { overrides }: ArbitraryOptions = {},
): fc.Arbitrary<z.input<S>> {
  return valuesOf(schema, 'input', overrides) as fc.Arbitrary<z.input<S>>;
}

/** Objects with one defect that `schema` (an object's) refuses, with the pointer of the defect. */
export function invalidInput(
  schema: z.ZodType,
  { overrides }: ArbitraryOptions = {},
): fc.Arbitrary<InvalidValue> {
  return invalidValue(SchemaDocument.of(schema, 'input'), overrides);
}

/** Values of the shape `schema` produces: what a server may answer. */
export function validOutput<S extends z.ZodType>(
  schema: S,
  { overrides }: ArbitraryOptions = {},
): fc.Arbitrary<z.output<S>> {
  return valuesOf(schema, 'output', overrides) as fc.Arbitrary<z.output<S>>;
}

type BodySchema<E extends AnyEndpoint> = Exclude<E['body'], undefined>;
type QuerySchema<E extends AnyEndpoint> = Exclude<E['query'], undefined>;
type SuccessSchema<E extends AnyEndpoint> = Exclude<E['success']['schema'], undefined>;

function partOf<S>(endpoint: AnyEndpoint, schema: S | undefined, part: string): S {
  if (schema === undefined) {
    throw new Error(
      `${endpoint.operationId} (${endpoint.method.toUpperCase()} ${endpoint.path}) has no ${part}`,
    );
  }
  return schema;
}

/** Request bodies the operation accepts. */
export function validBody<E extends AnyEndpoint>(
  endpoint: E,
  options?: ArbitraryOptions,
): fc.Arbitrary<z.input<BodySchema<E>>> {
  return validInput(partOf(endpoint, endpoint.body, 'request body') as BodySchema<E>, options);
}

/** Request bodies with one defect, which the operation answers with a 422 naming `path`. */
export function invalidBody(
  endpoint: AnyEndpoint,
  options?: ArbitraryOptions,
): fc.Arbitrary<InvalidValue> {
  return invalidInput(partOf(endpoint, endpoint.body, 'request body'), options);
}

/** Query parameters the operation accepts, as values (send them as strings). */
export function validQuery<E extends AnyEndpoint>(
  endpoint: E,
  options?: ArbitraryOptions,
): fc.Arbitrary<z.input<QuerySchema<E>>> {
  return validInput(partOf(endpoint, endpoint.query, 'query'), options) as fc.Arbitrary<
    z.input<QuerySchema<E>>
  >;
}

/**
 * Success bodies of the operation (for a stream, the data of one event): what a mock may answer
 * and a client must accept.
 */
export function successBody<E extends AnyEndpoint>(
  endpoint: E,
  options?: ArbitraryOptions,
): fc.Arbitrary<z.output<SuccessSchema<E>>> {
  return validOutput(
    partOf(endpoint, endpoint.success.schema, 'success body') as SuccessSchema<E>,
    options,
  );
}
