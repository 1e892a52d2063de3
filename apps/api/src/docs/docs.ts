import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Path of the OpenAPI document generated from the contract and committed in @textpulse/contracts. */
export const openApiDocumentPath = createRequire(import.meta.url).resolve(
  '@textpulse/contracts/openapi.json',
);

/** Serves the committed document at /openapi.json and Swagger UI on it at /docs. */
export function setupDocs(app: INestApplication): void {
  const document = JSON.parse(readFileSync(openApiDocumentPath, 'utf8')) as OpenAPIObject;
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'TextPulse API',
    swaggerOptions: { tryItOutEnabled: true, displayRequestDuration: true },
  });
}
