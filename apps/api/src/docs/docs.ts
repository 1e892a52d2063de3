import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Path of the OpenAPI document generated from the contract and committed in @textpulse/openapi. */
export const openApiDocumentPath = createRequire(import.meta.url).resolve(
  '@textpulse/openapi/openapi.json',
);

/**
 * The document at `path`, read again whenever the file changes (`pnpm dev` regenerates it when a
 * contract file changes). A file caught half-written keeps the last document until it is whole.
 */
export function liveDocument(path: string): () => OpenAPIObject {
  let last: { modified: number; document: OpenAPIObject } | undefined;
  return () => {
    const modified = statSync(path).mtimeMs;
    if (last?.modified === modified) return last.document;
    try {
      last = { modified, document: JSON.parse(readFileSync(path, 'utf8')) as OpenAPIObject };
      return last.document;
    } catch (error) {
      if (error instanceof SyntaxError && last) return last.document;
      throw error;
    }
  };
}

/**
 * Serves the committed document at /openapi.json and Swagger UI on it at /docs, both following
 * the file as it is regenerated, without a restart.
 */
export function setupDocs(app: INestApplication, documentPath = openApiDocumentPath): void {
  const document = liveDocument(documentPath);
  SwaggerModule.setup('docs', app, document(), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'TextPulse API',
    swaggerOptions: { tryItOutEnabled: true, displayRequestDuration: true },
    patchDocumentOnRequest: () => document(),
  });
}
