import { expect, test } from './fixtures';

test.describe('/prompt', () => {
  test('shows the answer, the model that gave it and the attempts trail', async ({ page }) => {
    await page.goto('/prompt');
    await expect(page).toHaveTitle('Prompt playground · TextPulse');
    await page
      .getByRole('textbox', { name: 'Prompt' })
      .fill('Summarize: the new release is fast, but the docs are thin.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByTestId('answer-model')).toHaveText('local');
    await expect(page.getByTestId('answer-output')).toContainText('Local model (offline');
    await expect(page.getByTestId('attempts').getByRole('listitem')).toHaveCount(1);
    await expect(page.getByTestId('attempts')).toContainText('answered');
  });

  test("puts the API's 422 back on the field it names", async ({ page }) => {
    await page.goto('/prompt');
    await page.getByRole('textbox', { name: 'Prompt' }).fill('A perfectly long enough prompt.');
    await page.getByText('Options').click();
    const models = page.getByRole('textbox', { name: 'Models' });
    await models.fill('local, gpt-4');
    const answer = page.waitForResponse('**/api/prompt');
    await page.getByRole('button', { name: 'Send' }).click();
    const response = await answer;
    expect(response.status()).toBe(422);
    const { errors } = (await response.json()) as { errors: [{ path: string; message: string }] };
    expect(errors).toEqual([expect.objectContaining({ path: '/models/1' })]);
    await expect(page.getByText(errors[0].message, { exact: true })).toBeVisible();
    await expect(models).toHaveAttribute('aria-invalid', 'true');
    await expect(models).toBeFocused();
  });
});
