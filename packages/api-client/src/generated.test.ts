import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { renderTypes, typesPath } from '../scripts/render-types.js';

it('schema.gen.ts equals a fresh generation from openapi.json (run `pnpm generate`)', async () => {
  expect(readFileSync(typesPath, 'utf8')).toBe(await renderTypes());
});
