import AxeBuilder from '@axe-core/playwright';
import { apiUrl, expect, signInBrowser, signUpThroughApi, test } from './fixtures';

test.describe('/account', () => {
  test('makes an API key that lists the person’s history with curl’s request, shows it once, and revokes it (401 after)', async ({
    page,
    context,
  }) => {
    const ada = await signUpThroughApi();
    await signInBrowser(context, ada);
    const stored = await fetch(`${apiUrl}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.key}` },
      body: JSON.stringify({ text: 'Stored before the new key was made.' }),
    });
    const { id } = (await stored.json()) as { id: string };

    await page.goto('/account');
    await expect(page).toHaveTitle('Account · TextPulse');
    await page.getByRole('textbox', { name: 'What it is for' }).fill('curl');
    await page.getByRole('button', { name: 'Make the key' }).click();
    const key = (await page.getByTestId('new-key').textContent()) ?? '';
    expect(key).toMatch(/^tp_/);
    await expect(page.getByTestId('api-keys')).toContainText('curl');

    // What `curl -H "Authorization: Bearer $KEY" $API/v1/analyses` sends.
    const asCurl = () =>
      fetch(`${apiUrl}/v1/analyses`, {
        headers: { authorization: `Bearer ${key}`, 'user-agent': 'curl/8.14.1', accept: '*/*' },
      });
    const listed = await asCurl();
    expect(listed.status).toBe(200);
    const page1 = (await listed.json()) as { items: { id: string }[] };
    expect(page1.items.map((item) => item.id)).toEqual([id]);

    // Shown once: the page, loaded again, lists the key without it.
    await page.reload();
    await expect(page.getByTestId('new-key')).toHaveCount(0);
    expect(await page.content()).not.toContain(key);

    await page.getByRole('button', { name: 'Revoke curl' }).click();
    await expect(page.getByTestId('api-keys')).not.toContainText('curl');
    expect((await asCurl()).status).toBe(401);
  });

  test('has no accessibility violations (axe-core)', async ({ page, context }) => {
    await signInBrowser(context, await signUpThroughApi());
    await page.goto('/account');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations.map((violation) => violation.id)).toEqual([]);
  });

  test('deletes the account after its password, and signs out', async ({ page, context }) => {
    const ada = await signUpThroughApi();
    await signInBrowser(context, ada);
    await page.goto('/account');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'password' })).toBeVisible();
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('account-status')).toContainText('Sign in');
    const refused = await fetch(`${apiUrl}/v1/analyses`, {
      headers: { authorization: `Bearer ${ada.key}` },
    });
    expect(refused.status).toBe(401);
  });
});
