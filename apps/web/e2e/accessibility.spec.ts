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
  /** Each account page, the button that submits its form empty, and the error that shows then. */
  const forms = [
    { path: '/sign-in', button: 'Sign in', error: '#email-error' },
    { path: '/sign-up', button: 'Sign up', error: '#email-error' },
    { path: '/forgot-password', button: 'Mail me a link', error: '#email-error' },
    { path: '/reset-password?token=x', button: 'Set the password', error: '#new_password-error' },
    { path: '/verify-email?token=x', button: 'Verify my address', error: '.form__error' },
  ];
  for (const { path, button, error } of forms) {
    test(`${path} has no violations, empty and with its errors shown`, async ({ page }) => {
      await page.goto(path);
      expect(await violationsOf(page)).toEqual([]);
      await page.getByRole('button', { name: button }).click();
      await expect(page.locator(error)).not.toBeEmpty();
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
