import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { type EndpointDeclaration, endpoints, tags } from './endpoints.js';

/** Version of the HTTP contract (info.version); bump the major on a breaking change. */
export const CONTRACT_VERSION = '1.0.0';

function toRouteConfig(endpoint: EndpointDeclaration): RouteConfig {
  const responses: Record<string, ResponseConfig> = {};
  for (const [status, response] of Object.entries(endpoint.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers ? { headers: response.headers } : {}),
      content: {
        [response.mediaType]: {
          schema: response.schema,
          ...(response.example === undefined ? {} : { example: response.example }),
        },
      },
    };
  }
  return {
    method: endpoint.method,
    path: endpoint.path,
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: endpoint.description,
    tags: [...endpoint.tags],
    ...(endpoint.body
      ? {
          request: {
            body: {
              required: true,
              content: { 'application/json': { schema: endpoint.body } },
            },
          },
        }
      : {}),
    responses,
  };
}

/**
 * Builds the OpenAPI 3.1 document of the TextPulse API from the endpoint declarations.
 * Pure: boots no server, reads no file; the same call always yields the same document.
 */
export function buildOpenApiDocument(): OpenAPIObject {
  const registry = new OpenAPIRegistry();
  for (const endpoint of Object.values(endpoints)) {
    registry.registerPath(toRouteConfig(endpoint));
  }
  const generator = new OpenApiGeneratorV31(registry.definitions, {
    sortComponents: 'alphabetically',
  });
  return generator.generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'TextPulse API',
      version: CONTRACT_VERSION,
      description:
        'Text analysis and a fallback chain of language models. Every error is RFC 9457 problem details (application/problem+json). Generated from the Zod schemas of @textpulse/contracts.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    // Relative: Swagger UI's "Try it out" calls whichever server serves the document.
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: tags.map((tag) => ({ ...tag })),
  });
}

/** The document as written to openapi.json: stable key order, two-space indent, final newline. */
export function serializeOpenApiDocument(document: OpenAPIObject = buildOpenApiDocument()): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
