import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

/**
 * Code that must never reach a browser, each known by a string literal of its own, which
 * minification keeps (identifiers it renames): the OpenAPI builder and zod-to-openapi, Nest,
 * the analysis engine (wink-nlp) and the openai SDK.
 */
const serverOnlyMarkers = [
  'The server that serves this document',
  'Conflicting location for parameter',
  'Nest application successfully started',
  'expecting a valid Javascript string',
  'x-stainless-retry-count',
];

test('the browser bundle of /analyze holds the contract schemas and nothing of the server', async ({
  page,
}) => {
  const scripts: { url: string; body: Buffer }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push({ url: response.url(), body: await response.body() });
  });
  await page.goto('/analyze', { waitUntil: 'networkidle' });
  const code = scripts.map((script) => script.body.toString('utf8')).join('\n');

  expect(code).toContain('Enter at least 10 characters.');
  for (const marker of serverOnlyMarkers) {
    expect(code.includes(marker), `the bundle holds "${marker}"`).toBe(false);
  }

  const raw = scripts.reduce((sum, script) => sum + script.body.length, 0);
  const gzip = scripts.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
  console.log(
    `first-load JS of /analyze: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`,
  );
});
