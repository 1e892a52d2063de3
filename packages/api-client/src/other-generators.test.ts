import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import ts from 'typescript';
import { afterAll, expect, it } from 'vitest';
import { openApiPath } from '../scripts/render-types.js';

const output = mkdtempSync(join(tmpdir(), 'textpulse-hey-api-'));
afterAll(() => rmSync(output, { recursive: true, force: true }));

/**
 * The document serves other toolchains than this package's: a team that prefers another client
 * generator gets code that compiles. @hey-api/openapi-ts, the most used of them, under strict.
 */
it('gives @hey-api/openapi-ts a client that type-checks under strict', async () => {
  await createClient({ input: openApiPath, output, logs: { level: 'silent' } });
  const files = readdirSync(output, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(output, file));
  expect(files.map((file) => file.slice(output.length))).toContain('/sdk.gen.ts');
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  expect(errors).toEqual([]);
});
