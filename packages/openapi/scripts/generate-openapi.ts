import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument, serializeOpenApiDocument } from '../src/document.js';

// The document's version is the contract's: clients compare it with @textpulse/contracts.
const { version } = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/contracts/package.json'), 'utf8'),
) as { version: string };
const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
writeFileSync(target, serializeOpenApiDocument(buildOpenApiDocument(version)));
console.log(`wrote ${target}`);
