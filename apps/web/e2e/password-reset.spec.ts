import { linkIn } from '@textpulse/smtp';
import { apiUrl, expect, mailTo, signInBrowser, signUpThroughApi, test, webUrl } from './fixtures';

test.describe('a forgotten password', () => {
  test('is replaced through the link the API mails: the old password and sessions stop working', async ({
    page,
    context,
  }) => {
    const ada = await signUpThroughApi();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveTitle('Forgot your password? · TextPulse');
    await page.getByLabel('Email').fill(ada.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expect(page.getByRole('status').filter({ hasText: ada.email })).toContainText(
      'a link to set a new password is on its way',
    );

    await expect.poll(() => mailTo(ada.email).length).toBe(1);
    const [mail] = mailTo(ada.email);
    expect(mail?.subject).toBe('Reset your TextPulse password');
    const link = linkIn(mail ?? { text: '' });
    expect(link.pathname).toBe('/reset-password');

    // Another browser of Ada's is signed in until the reset.
    const other = await context.browser()?.newContext();
    if (!other) throw new Error('no browser');
    await signInBrowser(other, ada);

    await page.goto(`${link.pathname}${link.search}`);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect(page.locator('#new_password-error')).not.toBeEmpty();
    const newPassword = 'a longer passphrase than before';
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect(page).toHaveURL(/\/sign-in\?password=reset$/);
    await expect(page.getByRole('status').filter({ hasText: 'new password is set' })).toBeVisible();

    const otherPage = await other.newPage();
    await otherPage.goto(`${webUrl}/history`);
    await expect(otherPage).toHaveURL(/\/sign-in\?next=%2Fhistory$/);
    await other.close();

    const signIn = (password: string) =>
      fetch(`${apiUrl}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ada.email, password }),
      });
    expect((await signIn(ada.password)).status).toBe(401);
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/history$/);

    // The link worked once.
    await page.goto(`${link.pathname}${link.search}`);
    await page.getByLabel('New password').fill('yet another long passphrase');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'ask for a new one' })).toBeVisible();
  });
});
