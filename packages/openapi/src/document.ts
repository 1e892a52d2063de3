import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  endpoints,
  Problem,
  RequestHeaders,
  securityOf,
  securitySchemes,
  tags,
} from '@textpulse/contracts';
import { admitInputs } from '@textpulse/http';
import type { OpenAPIObject } from 'openapi3-ts/oas31';

/**
 * The documented 422 of an operation: what the request gate answers to its `invalidExample`,
 * pointers under "/path" and "/query". An example that passes is refused.
 */
export function invalidExampleProblem(endpoint: AnyEndpoint): unknown {
  const admission = admitInputs(endpoint, endpoint.invalidExample ?? {}, endpoint.path);
  if (admission.ok) throw new Error(`The invalidExample of ${endpoint.path} passes its schemas`);
  return admission.problem;
}

/** The zod-to-openapi route of one declared operation. */
export function toRouteConfig(endpoint: AnyEndpoint): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, declared] of Object.entries(endpoint.responses)) {
    const response =
      status === '422' ? { ...declared, example: invalidExampleProblem(endpoint) } : declared;
    responses[status] = {
      description: response.description,
      headers: response.headers,
      ...(response.mediaType && response.schema
        ? {
            content: {
              [response.mediaType]: {
                schema: response.schema,
                // Stryker disable next-line ConditionalExpression: an undefined example is dropped when the document is written
                ...(response.example === undefined ? {} : { example: response.example }),
              },
            },
          }
        : {}),
    };
  }
  const { deprecated } = endpoint;
  return {
    method: endpoint.method,
    path: endpoint.path,
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: deprecated
      ? `${endpoint.description}\n\n**Deprecated** since ${deprecated.since}; it may stop working after ${deprecated.sunset}.${deprecated.successor ? ` Use \`${deprecated.successor}\` instead.` : ''}`
      : endpoint.description,
    ...(deprecated ? { deprecated: true, 'x-sunset': deprecated.sunset } : {}),
    tags: [endpoint.tag],
    security: securityOf(endpoint.access),
    request: {
      headers: RequestHeaders,
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { query: endpoint.query } : {}),
      ...(endpoint.body
        ? { body: { required: true, content: { 'application/json': { schema: endpoint.body } } } }
        : {}),
    },
    responses,
  };
}

/**
 * Builds the OpenAPI 3.1 document of the TextPulse API from the endpoint declarations, at
 * `version` (info.version: the version of @textpulse/contracts, which its caller reads); `table`
 * replaces the endpoint table (the breaking-change gate's corpus documents changed tables).
 * Pure: boots no server, reads no file; the same call always yields the same document.
 */
export function buildOpenApiDocument(
  version: string,
  table: { readonly [name: string]: AnyEndpoint } = endpoints,
): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(securitySchemes)) {
    registry.registerComponent('securitySchemes', name, { ...scheme });
  }
  for (const endpoint of Object.values(table)) {
    registry.registerPath(toRouteConfig(endpoint));
  }
  // Problem, what every problem has in common, is a component of its own: for answers outside any
  // operation (an unknown route) and clients that handle every problem alike.
  const definitions = [...registry.definitions, { type: 'schema', schema: Problem } as const];
  const generator = new OpenApiGeneratorV31(definitions, {
    sortComponents: 'alphabetically',
  });
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'TextPulse API',
      version,
      description: [
        'Text analysis and a fallback chain of language models, generated from the Zod schemas of @textpulse/contracts.',
        '',
        '- Every error is RFC 9457 problem details (`application/problem+json`); validation failures (422) list each violation with a JSON Pointer.',
        `- Request bodies are JSON in UTF-8 only (415 otherwise), at most ${BODY_LIMIT_BYTES} bytes (413); invalid UTF-8, a key given twice in one object and \`__proto__\` keys are refused (400); unknown keys are rejected (422).`,
        "- Who may call each operation is its `security`: anyone (`[]`), a signed-in person through the session cookie that sign-in sets or one of their API keys (`Authorization: Bearer <key>`), or the session only (managing the account and its keys). Without a caller such an operation answers 401 with `WWW-Authenticate`; stored analyses are the caller's own, and another person's id answers 404 exactly like an unknown one.",
        '- Operations that document a 429 are rate limited per caller (a signed-in person, by session or by any of their API keys) or, without a verified caller, per client address; each operation counted on its own (429 with `Retry-After`). Their answers carry `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers-09): the limit, and what is left of it.',
        '- Every response carries `X-Request-Id` and security headers (Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options: nosniff, X-Frame-Options: SAMEORIGIN, Referrer-Policy: no-referrer); browsers may call the API only from the configured CORS origins.',
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: Swagger UI's "Try it out" calls whichever server serves the document.
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: tags.map((tag) => ({ ...tag })),
  });
}

/** The document as written to openapi.json: stable key order, two-space indent, final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
