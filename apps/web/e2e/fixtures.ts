import { type BrowserContext, test as base, expect } from '@playwright/test';

/** Collects the Content-Security-Policy violations Chromium reports in a context's pages. */
export function watchCsp(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  return violations;
}

/** Where global-setup.ts started a server under test. */
function startedAt(variable: 'E2E_WEB_URL' | 'E2E_API_URL' | 'E2E_FAKE_URL'): string {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is unset: the tests run through playwright.config.ts`);
  return url;
}

/** The built API under test. */
export const apiUrl = startedAt('E2E_API_URL');
/** The fake OpenAI-compatible server behind it (@textpulse/fake-openai), with its GET /_fake/log. */
export const fakeOpenAiUrl = startedAt('E2E_FAKE_URL');

/**
 * Playwright's test on the built web app (its baseURL), failing any test during which a page
 * reported a CSP violation.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's needs from this pattern; it has none.
  baseURL: async ({}, use) => {
    await use(startedAt('E2E_WEB_URL'));
  },
  cspViolations: [
    async ({ context }, use) => {
      const violations = watchCsp(context);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
