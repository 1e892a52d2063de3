import type { Page } from '@playwright/test';
import { expect, signInBrowser, signUpThroughApi, test } from './fixtures';

/** What a page reports as an error while it loads: console errors and uncaught exceptions. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const anyonesPages = ['/', '/analyze', '/prompt', '/sign-in', '/sign-up', '/forgot-password'];
const signedInPages = ['/history', '/account'];

test.describe('every page loads without an error in the console', () => {
  for (const path of anyonesPages) {
    test(`${path}, for anyone`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(path, { waitUntil: 'load' });
      await expect(page.locator('main')).toBeVisible();
      expect(errors).toEqual([]);
    });
  }

  test('the pages of a signed-in person', async ({ context, page }) => {
    await signInBrowser(context, await signUpThroughApi('Grace Hopper'));
    const errors = watchErrors(page);
    for (const path of signedInPages) {
      await page.goto(path, { waitUntil: 'load' });
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.locator('main')).toBeVisible();
    }
    expect(errors).toEqual([]);
  });
});

test('the site has an icon: the ones each page links, /favicon.ico among them', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const links = page.locator('link[rel="icon"]');
  const hrefs = await links.evaluateAll((found) => found.map((link) => link.getAttribute('href')));
  expect(hrefs.map((href) => href?.split('?')[0]).sort()).toEqual(['/favicon.ico', '/icon.svg']);
  for (const href of hrefs) {
    const icon = await request.get(href ?? '');
    expect(icon.status(), href ?? '').toBe(200);
    expect(icon.headers()['content-type'], href ?? '').toMatch(
      /^image\/(svg\+xml|x-icon|vnd\.microsoft\.icon)/,
    );
  }
});
