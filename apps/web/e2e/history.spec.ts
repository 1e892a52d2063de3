import type { APIRequestContext } from '@playwright/test';
import { apiUrl, expect, test, watchCsp } from './fixtures';

// One API serves every spec: these tests clear its history and build on each other.
test.describe.configure({ mode: 'serial' });

interface Stored {
  id: string;
  text: string;
}

/** Stores a text straight through the API, as another client of it would. */
async function store(request: APIRequestContext, text: string): Promise<Stored> {
  const response = await request.post(`${apiUrl}/v1/analyses`, { data: { text } });
  expect(response.status()).toBe(201);
  return response.json();
}

/** Deletes everything stored, a page at a time. */
async function clearHistory(request: APIRequestContext) {
  for (;;) {
    const page = await (await request.get(`${apiUrl}/v1/analyses?limit=100`)).json();
    if (page.items.length === 0) return;
    for (const item of page.items as Stored[]) {
      expect((await request.delete(`${apiUrl}/v1/analyses/${item.id}`)).status()).toBe(204);
    }
  }
}

test.describe('/history', () => {
  test.beforeAll(async ({ request }) => clearHistory(request));

  test('says so when nothing is stored, and points to the analyze page', async ({ page }) => {
    await page.goto('/history');
    await expect(page).toHaveTitle('History · TextPulse');
    await expect(page.getByTestId('history-empty')).toContainText('No analyses stored yet.');
    await page.getByRole('link', { name: 'Analyze a text and save it' }).click();
    await expect(page).toHaveURL(/\/analyze$/);
  });

  test('saves an analysis from the analyze page, finds it in the history, opens it, deletes it', async ({
    page,
  }) => {
    const text = 'Grace Hopper found a real bug in the Harvard Mark II, a wonderful story.';
    await page.goto('/analyze');
    await page.getByRole('textbox', { name: 'Text' }).fill(text);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await expect(page.getByTestId('sentiment-label')).toHaveText('positive');
    const saved = page.waitForResponse('**/api/analyses');
    await page.getByRole('button', { name: 'Save to history' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(201);
    const { id } = await answer.json();
    expect(answer.headers().location).toBe(`/history/${id}`);

    await expect(page.getByTestId('saved-link')).toHaveAttribute('href', `/history/${id}`);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'History' })
      .click();
    await expect(page).toHaveURL(/\/history$/);
    const item = page.getByTestId('history').getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('positive');
    await item.getByRole('link', { name: /^Grace Hopper found a real bug/ }).click();

    await expect(page).toHaveURL(new RegExp(`/history/${id}$`));
    await expect(page).toHaveTitle('“Grace Hopper found a real bug in the Har…” · TextPulse');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stored analysis');
    await expect(page.getByTestId('sentiment-label')).toHaveText('positive');
    await expect(page.getByTestId('highlighted-text')).toHaveText(text);

    await page.getByText('Delete this analysis…').click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect(page).toHaveURL(/\/history$/);
    await expect(page.getByTestId('history-empty')).toBeVisible();

    const gone = await page.goto(`/history/${id}`);
    expect(gone?.status()).toBe(404);
    await expect(page.getByTestId('not-found')).toBeVisible();
  });

  test('is rendered on the server: the list, its filter and its pages work without JavaScript', async ({
    browser,
    request,
  }) => {
    await clearHistory(request);
    const oldest = await store(request, 'An awful, miserable and terrible first entry.');
    const middle = await store(request, 'A wonderful, delightful second entry.');
    const newest = await store(request, 'A lovely and happy third entry.');
    const context = await browser.newContext({ javaScriptEnabled: false });
    const violations = watchCsp(context);
    const page = await context.newPage();

    const html = await (await page.goto('/history?limit=2'))?.text();
    expect(html).toContain(newest.text);
    expect(html).toContain(middle.text);
    const items = page.getByTestId('history').getByRole('listitem');
    await expect(items).toHaveCount(2);
    await page.getByRole('link', { name: 'Older →' }).click();
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(oldest.text);
    await expect(page.getByRole('link', { name: 'Older →' })).toHaveCount(0);
    await page.getByRole('link', { name: '← Newest' }).click();
    await expect(items.first()).toContainText(newest.text);

    await page.getByLabel('Sentiment').selectOption('negative');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/sentiment_label=negative/);
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(oldest.text);
    await context.close();
    expect(violations).toEqual([]);
  });

  test('tells a link that is not a page of the history, naming the parameter', async ({ page }) => {
    await page.goto('/history?cursor=garbage!&limit=1000');
    const problem = page.getByTestId('problem');
    await expect(problem).toContainText('/query/cursor');
    await expect(problem).toContainText('/query/limit');
    await problem.getByRole('link', { name: 'Back to the newest analyses' }).click();
    await expect(page).toHaveURL(/\/history$/);
  });

  for (const limit of ['1e1', '0x10', '%207', '9'.repeat(400)]) {
    test(`tells limit=${limit.slice(0, 12)} once: an integer is decimal digits`, async ({
      page,
    }) => {
      await page.goto(`/history?limit=${limit}`);
      const problem = page.getByTestId('problem');
      await expect(problem.locator('li')).toHaveCount(1);
      await expect(problem.locator('li code')).toHaveText('/query/limit');
    });
  }

  test('answers 404 with the not-found page for an id that is not one', async ({ page }) => {
    const response = await page.goto('/history/not-a-uuid');
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle('Not found · TextPulse');
    await expect(page.getByTestId('not-found')).toContainText('the analysis was deleted');
  });
});
