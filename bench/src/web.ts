import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { ChromiumMissingError, chromiumLaunchOptions } from '@textpulse/chromium';

export interface RouteWeight {
  route: string;
  files: number;
  rawKiB: number;
  gzipKiB: number;
}

/** The web app's first-load budget (apps/web/first-load-budget.json), which its browser tests enforce. */
export const FIRST_LOAD_BUDGET = JSON.parse(
  readFileSync(new URL('../../apps/web/first-load-budget.json', import.meta.url), 'utf8'),
) as { maxGzipKiB: number; routes: string[] };

/** First-load JS of each route of the production web app, as Chromium downloads it. */
export async function measureFirstLoad(
  baseUrl: string,
  routes: readonly string[],
): Promise<RouteWeight[] | string> {
  let launchOptions: ReturnType<typeof chromiumLaunchOptions>;
  try {
    launchOptions = chromiumLaunchOptions();
  } catch (error) {
    if (error instanceof ChromiumMissingError) return `Web figures skipped: ${error.message}`;
    throw error;
  }
  const browser = await chromium.launch(launchOptions);
  try {
    const weights: RouteWeight[] = [];
    for (const route of routes) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') bodies.push(response.body());
      });
      await page.goto(`${baseUrl}${route}`, { waitUntil: 'networkidle' });
      const scripts = await Promise.all(bodies);
      weights.push({
        route,
        files: scripts.length,
        rawKiB: scripts.reduce((sum, body) => sum + body.length, 0) / 1024,
        gzipKiB: scripts.reduce((sum, body) => sum + gzipSync(body).length, 0) / 1024,
      });
      await context.close();
    }
    return weights;
  } finally {
    await browser.close();
  }
}
