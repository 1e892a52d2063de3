import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const openApiDocument = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/openapi/openapi.json'), 'utf8'),
) as { info: { description: string } };

/**
 * Code that must never reach a browser, each module by string literals only it holds: literals
 * survive minification, identifiers do not. Each marker made this test fail when its module was
 * bundled into a client component (the builder once its node:fs read was taken out, since as it is
 * `next build` refuses it; Nest through the files that hold them, since its index does not bundle
 * for browsers).
 */
const serverOnlyMarkers: Record<string, string[]> = {
  // The first line of info.description, which only the builder writes.
  '@textpulse/openapi': [openApiDocument.info.description.split('\n')[0] as string],
  '@asteasolutions/zod-to-openapi': [
    'Unknown zod object type, please specify',
    'Conflicting location for parameter ',
  ],
  '@nestjs/common': ['__injectable__'],
  '@nestjs/core': ['Nest application successfully started'],
  'wink-nlp': ['wink-nlp: expecting a valid Javascript string'],
  compromise: ['compromises-are-possible'],
  openai: ['X-Stainless-Lang'],
};

/** Opens `path` and resolves the body of every script the browser loaded for it. */
async function scriptsOf(page: Page, path: string): Promise<Buffer[]> {
  const scripts: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body());
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  return Promise.all(scripts);
}

/**
 * The most JavaScript, gzip-compressed, that a page may make the browser download before anyone
 * uses it (first-load-budget.json, which `pnpm bench` reports against too): React and Next alone
 * are about 131 KiB here. The forms' schemas (and Zod) load when a form is first used
 * (lib/browser/on-demand.ts), so they are not part of it.
 */
const budget = JSON.parse(
  readFileSync(new URL('../first-load-budget.json', import.meta.url), 'utf8'),
) as { maxGzipKiB: number; routes: string[] };
const FIRST_LOAD_BUDGET_KIB = budget.maxGzipKiB;

for (const path of budget.routes) {
  test(`the first-load JS of ${path} stays within ${FIRST_LOAD_BUDGET_KIB} KiB gzip`, async ({
    page,
  }) => {
    const scripts = await scriptsOf(page, path);
    const raw = scripts.reduce((sum, script) => sum + script.length, 0);
    const gzipKiB = scripts.reduce((sum, script) => sum + gzipSync(script).length, 0) / 1024;
    console.log(
      `first-load JS of ${path}: ${scripts.length} files, ${(raw / 1024).toFixed(1)} KiB raw, ${gzipKiB.toFixed(1)} KiB gzip`,
    );
    expect(gzipKiB).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_KIB);
  });
}

test('the contract schemas reach the browser once the form is used', async ({ page }) => {
  const firstLoad = await scriptsOf(page, '/analyze');
  const code = (scripts: Buffer[]) => scripts.map((script) => script.toString('utf8')).join('\n');
  expect(code(firstLoad)).not.toContain('Enter at least 10 characters.');
  const later: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') later.push(response.body());
  });
  await page.getByRole('textbox', { name: 'Text' }).focus();
  await expect
    .poll(async () => code(await Promise.all(later)))
    .toContain('Enter at least 10 characters.');
});

for (const path of ['/', '/analyze', '/prompt']) {
  test(`the browser bundle of ${path} holds nothing of the server`, async ({ page }) => {
    const scripts = await scriptsOf(page, path);
    expect(scripts.length).toBeGreaterThan(0);
    const code = scripts.map((script) => script.toString('utf8')).join('\n');
    const found = Object.entries(serverOnlyMarkers).flatMap(([module, markers]) =>
      markers.filter((marker) => code.includes(marker)).map((marker) => `${module}: ${marker}`),
    );
    expect(found).toEqual([]);
  });
}
