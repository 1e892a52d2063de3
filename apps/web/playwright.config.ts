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

/** Loopback ports of the servers under test; set them to run beside another run (the generator test does). */
const API_PORT = Number(process.env.E2E_API_PORT ?? 3101);
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const FAKE_PORT = Number(process.env.E2E_FAKE_PORT ?? 3102);
const apiUrl = `http://127.0.0.1:${API_PORT}`;
/** A fake OpenAI-compatible server (@textpulse/fake-openai): "openai:drip" streams a word every 150 ms. */
const fakeOpenAiUrl = `http://127.0.0.1:${FAKE_PORT}`;

/**
 * Browser end-to-end tests: the built API and the built web app on loopback ports of their own,
 * driven in the Chromium that @textpulse/chromium finds (CHROMIUM_PATH, else Debian's), never a
 * downloaded one.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
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
  webServer: [
    {
      command: `node ../../tooling/fake-openai/dist/serve.js --port ${FAKE_PORT} --drip-ms 150`,
      url: `${fakeOpenAiUrl}/_fake/log`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node ../api/dist/main.js',
      url: `${apiUrl}/v1/health`,
      env: {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATA_DIR: 'memory',
        TEXTPULSE_MODELS: 'local',
        TEXTPULSE_ALLOWED_MODELS: 'local,openai:drip',
        OPENAI_BASE_URL: `${fakeOpenAiUrl}/v1`,
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The package's start script: the standalone server, on PORT and HOSTNAME.
      command: 'node --run start',
      url: `http://127.0.0.1:${WEB_PORT}/`,
      env: { PORT: String(WEB_PORT), HOSTNAME: '127.0.0.1', API_URL: apiUrl },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

export { apiUrl, fakeOpenAiUrl };
