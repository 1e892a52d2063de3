import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export interface RouteWeight {
  route: string;
  files: number;
  rawKiB: number;
  gzipKiB: number;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** First-load JS of each route of the production web app, as Chromium downloads it. */
export async function measureFirstLoad(
  baseUrl: string,
  routes: readonly string[],
): Promise<RouteWeight[] | string> {
  if (!existsSync(CHROMIUM))
    return `Web figures skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium).`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
