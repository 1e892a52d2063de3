import { expect, test } from './fixtures';

test.describe('/analyze', () => {
  test('shows the SSR status of the API and its model chain', async ({ page }) => {
    await page.goto('/analyze');
    await expect(page).toHaveTitle('Analyze a text · TextPulse');
    await expect(page.getByTestId('api-status')).toContainText('API ok');
    await expect(page.getByTestId('api-status')).toContainText('local');
  });

  test("rejects too-short text in the browser with the contract's message, sending nothing", async ({
    page,
  }) => {
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/')) sent.push(request.url());
    });
    await page.goto('/analyze');
    const text = page.getByRole('textbox', { name: 'Text' });
    await text.fill('too short');
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect(page.getByText('Enter at least 10 characters.')).toBeVisible();
    await expect(text).toHaveAttribute('aria-invalid', 'true');
    await expect(text).toBeFocused();
    expect(sent).toEqual([]);
  });

  test('analyzes valid text and highlights its entities', async ({ page }) => {
    await page.goto('/analyze');
    await page
      .getByRole('textbox', { name: 'Text' })
      .fill('Ada Lovelace wrote the first program in London, and the team at Acme Corp loved it.');
    const answer = page.waitForResponse('**/api/analyze');
    await page.keyboard.press('Control+Enter');
    expect((await answer).status()).toBe(200);
    await expect(page.getByTestId('sentiment-label')).toHaveText('positive');
    await expect(page.getByTestId('word-count')).toHaveText('16');
    await expect(page.locator('mark.entity--person')).toHaveText('Ada Lovelace');
    await expect(page.locator('mark.entity--place')).toHaveText('London');
    await expect(page.locator('mark.entity--organization')).toHaveText('Acme Corp');
  });
});
