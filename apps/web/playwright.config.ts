import { defineConfig, devices } from '@playwright/test';
import { ChromiumMissingError, chromiumLaunchOptions } from '@textpulse/chromium';

/** Chromium's launch options; without a browser, how to get one, and no stack trace. */
function launchOptions() {
  try {
    return chromiumLaunchOptions();
  } catch (error) {
    if (!(error instanceof ChromiumMissingError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * Browser end-to-end tests: the built API and the built web app on loopback ports of their own
 * (started by e2e/global-setup.ts; the tests find them through e2e/fixtures.ts), driven in the
 * Chromium that @textpulse/chromium finds (CHROMIUM_PATH, else Debian's), never a downloaded one.
 */
export default defineConfig({
  testDir: 'e2e',
  // Bounds only a hang reaches on a loaded CI machine; a web-first assertion passes as soon as it holds.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { open: 'never' }]],
  globalSetup: './e2e/global-setup.ts',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: launchOptions(),
      },
    },
  ],
});
