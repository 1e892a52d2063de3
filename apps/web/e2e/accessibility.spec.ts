import AxeBuilder from '@axe-core/playwright';
import { expect, signInBrowser, signUpThroughApi, test } from './fixtures';

/** The accessibility violations axe-core finds in the page as it is now (WCAG 2.x A and AA). */
async function violationsOf(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
}

test.describe('accessibility (axe-core)', () => {
  for (const path of ['/sign-in', '/sign-up']) {
    test(`${path} has no violations, empty and with its errors shown`, async ({ page }) => {
      await page.goto(path);
      expect(await violationsOf(page)).toEqual([]);
      await page.getByRole('button', { name: path === '/sign-in' ? 'Sign in' : 'Sign up' }).click();
      await expect(page.locator('#email-error')).not.toBeEmpty();
      expect(await violationsOf(page)).toEqual([]);
    });
  }

  test('the history and the header of a signed-in person have no violations', async ({
    page,
    context,
  }) => {
    await signInBrowser(context, await signUpThroughApi());
    await page.goto('/history');
    await expect(page.getByTestId('account-status')).toContainText('Signed in as');
    expect(await violationsOf(page)).toEqual([]);
  });
});
