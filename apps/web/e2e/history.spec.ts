import {
  apiUrl,
  expect,
  type Person,
  signInBrowser,
  signUpThroughApi,
  test,
  watchCsp,
} from './fixtures';

// These tests share one person's history, clear it and build on each other.
test.describe.configure({ mode: 'serial' });

interface Stored {
  id: string;
  text: string;
}

/** Calls the API with the person's API key, as a program of theirs would (curl, a script). */
const withKey = (person: Person, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${person.key}` },
});

/** Stores a text for the person straight through the API. */
async function store(person: Person, text: string): Promise<Stored> {
  const response = await fetch(
    `${apiUrl}/v1/analyses`,
    withKey(person, { method: 'POST', body: JSON.stringify({ text }) }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as Stored;
}

/** Deletes everything the person stored, a page at a time. */
async function clearHistory(person: Person) {
  for (;;) {
    const response = await fetch(`${apiUrl}/v1/analyses?limit=100`, withKey(person));
    const page = (await response.json()) as { items: Stored[] };
    if (page.items.length === 0) return;
    for (const item of page.items) {
      const deleted = await fetch(
        `${apiUrl}/v1/analyses/${item.id}`,
        withKey(person, { method: 'DELETE' }),
      );
      expect(deleted.status).toBe(204);
    }
  }
}

test.describe('/history', () => {
  let ada: Person;
  test.beforeAll(async () => {
    ada = await signUpThroughApi();
  });
  test.beforeEach(({ context }) => signInBrowser(context, ada));

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
  }) => {
    await clearHistory(ada);
    const oldest = await store(ada, 'An awful, miserable and terrible first entry.');
    const middle = await store(ada, 'A wonderful, delightful second entry.');
    const newest = await store(ada, 'A lovely and happy third entry.');
    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInBrowser(context, ada);
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

test.describe('/history for people', () => {
  test('sends a person who is not signed in to sign in, and back afterwards', async ({ page }) => {
    const ada = await signUpThroughApi();
    await page.goto('/history?sentiment_label=positive');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fhistory%3Fsentiment_label%3Dpositive$/);
    await page.getByRole('textbox', { name: 'Email' }).fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/history\?sentiment_label=positive$/);
    await expect(page.getByTestId('account-status')).toContainText(`Signed in as ${ada.name}`);
  });

  test('never returns off-site after signing in', async ({ page }) => {
    const ada = await signUpThroughApi();
    await page.goto('/sign-in?next=//evil.example/steal');
    await page.getByRole('textbox', { name: 'Email' }).fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/history$/);
  });

  test('signs up, analyzes, saves, sees it in the history; another person finds it neither in their history nor at its address', async ({
    page,
    browser,
  }) => {
    const email = `grace-${Date.now()}@example.com`;
    await page.goto('/sign-up?next=%2Fanalyze');
    await page.getByRole('textbox', { name: 'Name' }).fill('Grace Hopper');
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.locator('#password-error')).toHaveText('Use at least 12 characters.');
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(/\/analyze$/);
    await expect(page.getByTestId('account-status')).toContainText('Signed in as Grace Hopper');

    const text = 'Grace Hopper found a real bug in the Harvard Mark II, a wonderful story.';
    await page.getByRole('textbox', { name: 'Text' }).fill(text);
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    const saved = page.waitForResponse('**/api/analyses');
    await page.getByRole('button', { name: 'Save to history' }).click();
    const { id } = (await (await saved).json()) as Stored;
    await page.goto('/history');
    await expect(page.getByTestId('history').getByRole('listitem')).toContainText('Grace Hopper');

    const other = await browser.newContext();
    await signInBrowser(other, await signUpThroughApi('Bob'));
    const bob = await other.newPage();
    await bob.goto('/history');
    await expect(bob.getByTestId('history-empty')).toBeVisible();
    expect((await bob.goto(`/history/${id}`))?.status()).toBe(404);
    await other.close();

    await page.goto(`/history/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stored analysis');
  });

  test('offers to sign in instead of saving when nobody is signed in', async ({ page }) => {
    await page.goto('/analyze');
    await page.getByRole('textbox', { name: 'Text' }).fill('A perfectly pleasant little text.');
    await page.getByRole('button', { name: 'Analyze', exact: true }).click();
    await page.getByTestId('sign-in-to-save').click();
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fanalyze$/);
  });
});
