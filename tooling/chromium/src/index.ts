import { existsSync } from 'node:fs';

/** Where Debian's chromium package installs the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless, and quiet on a machine without Internet access: no sandbox (CI runs as root), no GPU,
 * no QUIC, and none of the background connections Chromium makes to Google's services.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/**
 * How to launch the Chromium the tests use: CHROMIUM_PATH, or Debian's. The tools never download
 * a browser of their own; when none is there, the error says how to get one.
 */
export function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): {
  executablePath: string;
  args: string[];
} {
  const executablePath = env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new ChromiumMissingError(
      [
        `No Chromium at ${executablePath}${env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}. Get one of:`,
        '  - Debian or Ubuntu: sudo apt-get install -y chromium',
        '  - any machine that may download browsers: npx playwright install chromium, then set',
        '    CHROMIUM_PATH to the chrome executable it installed',
        '  - a Chrome or Chromium you already have: set CHROMIUM_PATH to its executable',
      ].join('\n'),
    );
  }
  return { executablePath, args: [...CHROMIUM_ARGS] };
}
