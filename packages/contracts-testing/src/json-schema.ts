import { z } from 'zod';

type JsonType = 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'null';

/** The subset of JSON Schema 2020-12 that `z.toJSONSchema` writes for the contract's schemas. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** Which Zod schema this node was written from (SchemaDocument.zodOf). */
  [ZOD_INDEX]?: number;
}

const ZOD_INDEX = 'x-zod-index';

/**
 * A schema and the document its `$ref`s point into: the JSON Schema of a Zod schema carries the
 * schemas registered with an id under `$defs`.
 */
export class SchemaDocument {
  private constructor(
    private readonly root: JsonSchema,
    private readonly zodSchemas: readonly z.core.$ZodType[],
  ) {}

  /**
   * The JSON Schema of a Zod schema, as a request carries it (`input`: defaults optional) or as
   * an answer does (`output`).
   */
  static of(schema: z.ZodType, io: 'input' | 'output' = 'input'): SchemaDocument {
    const zodSchemas: z.core.$ZodType[] = [];
    const root = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      target: 'draft-2020-12',
      override: ({ zodSchema, jsonSchema }) => {
        jsonSchema[ZOD_INDEX] = zodSchemas.push(zodSchema) - 1;
      },
    }) as JsonSchema;
    return new SchemaDocument(root, zodSchemas);
  }

  /**
   * The Zod schema a node was written from: what it checks beyond what JSON Schema can say (a
   * refinement, such as text PostgreSQL can store).
   */
  zodOf(schema: JsonSchema): z.core.$ZodType | undefined {
    const index = schema[ZOD_INDEX];
    return index === undefined ? undefined : this.zodSchemas[index];
  }

  /** The top-level schema, its `$ref` followed. */
  get top(): JsonSchema {
    return this.resolve(this.root);
  }

  /** Follows a local `$ref` into the document's `$defs`. */
  resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace(/^#\/\$defs\//, '');
    const target = this.root.$defs?.[name];
    if (!target) throw new Error(`Unknown $ref ${schema.$ref}`);
    return this.resolve(target);
  }
}
