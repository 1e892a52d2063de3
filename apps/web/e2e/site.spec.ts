import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { apiDocsUrl, expect, signUpThroughApi, test } from './fixtures';

const openApiDocument = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/openapi/openapi.json'), 'utf8'),
) as { paths: Record<string, Record<string, unknown>> };

test('the home page shows the path from one schema to its uses', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('TextPulse — one schema, every layer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('One schema. Every layer.');
  await expect(
    page.getByRole('list', { name: 'From one schema to all its uses' }).getByRole('listitem'),
  ).toHaveCount(4);
  await page.getByRole('link', { name: 'Analyze a text' }).click();
  await expect(page).toHaveURL(/\/analyze$/);
});

test('the API docs link leads to Swagger UI, which lists every documented operation', async ({
  page,
}) => {
  const documented = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
    Object.keys(item).map(() => path),
  );
  await page.goto('/');
  await page.getByRole('link', { name: 'API docs ↗' }).click();
  await expect(page).toHaveURL(apiDocsUrl);
  const operations = page.locator('.opblock-summary-path');
  await expect(operations).toHaveCount(documented.length);
  // Swagger UI puts zero-width spaces into long paths so that they can wrap.
  const shown = (await operations.allTextContents()).map((path) => path.replaceAll('\u200b', ''));
  expect(shown.sort()).toEqual(documented.sort());
});

test('Swagger UI "Try it out" gets the documented answer from the running API', async ({
  page,
}) => {
  await page.goto(apiDocsUrl);
  await page.locator('#operations-analyze-analyzeText').locator('.opblock-summary').click();
  await page.getByRole('button', { name: 'Execute' }).click();
  const live = page.locator(
    '#operations-analyze-analyzeText .live-responses-table tbody .response-col_status',
  );
  await expect(live).toHaveText('200');
  await expect(page.locator('#operations-analyze-analyzeText .live-responses-table')).toContainText(
    'sentiment_label',
  );
});

test("Swagger UI's Authorize takes an API key, and Try it out then lists that person's history", async ({
  page,
}) => {
  const ada = await signUpThroughApi();
  await page.goto(apiDocsUrl);
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  await page.getByRole('textbox', { name: 'auth-bearer-value' }).fill(ada.key);
  await page.getByRole('button', { name: 'Apply credentials' }).first().click();
  await page.getByRole('button', { name: 'Close' }).first().click();
  const operation = page.locator('#operations-analyses-listAnalyses');
  await operation.locator('.opblock-summary').click();
  await operation.getByRole('button', { name: 'Execute' }).click();
  await expect(operation.locator('.live-responses-table tbody .response-col_status')).toHaveText(
    '200',
  );
  await expect(operation.locator('.live-responses-table')).toContainText('next_cursor');
});

test.describe('security headers', () => {
  for (const path of ['/', '/analyze', '/prompt', '/history', '/history/not-a-uuid', '/nowhere']) {
    test(`${path} carries a nonce-based CSP and the other security headers`, async ({
      request,
    }) => {
      const first = await request.get(path);
      const headers = first.headers();
      const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
      expect(nonce, 'a nonce in script-src').toBeTruthy();
      expect(headers['content-security-policy']).toContain(
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      );
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(headers['content-security-policy']).toContain("object-src 'none'");
      expect(headers['content-security-policy']).toContain("form-action 'self'");
      expect(headers['content-security-policy']).not.toContain('unsafe-eval');
      // The scripts Next renders carry this response's nonce.
      expect(await first.text()).toContain(`nonce="${nonce}"`);
      const second = await request.get(path);
      expect(second.headers()['content-security-policy']).not.toContain(nonce);
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'strict-origin-when-cross-origin',
        'x-frame-options': 'DENY',
        'permissions-policy': expect.stringContaining('camera=()'),
        'cross-origin-opener-policy': 'same-origin',
        'strict-transport-security': expect.stringContaining('max-age='),
      });
    });
  }
});
