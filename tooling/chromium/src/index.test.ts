import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, ChromiumMissingError, chromiumLaunchOptions } from './index.js';

describe('chromiumLaunchOptions', () => {
  it('launches the executable CHROMIUM_PATH names, headless and offline', () => {
    expect(chromiumLaunchOptions({ CHROMIUM_PATH: process.execPath })).toEqual({
      executablePath: process.execPath,
      args: [...CHROMIUM_ARGS],
    });
  });

  it('says how to get a browser when there is none', () => {
    const launch = () => chromiumLaunchOptions({ CHROMIUM_PATH: '/nowhere/chromium' });
    expect(launch).toThrow(ChromiumMissingError);
    expect(launch).toThrow(/sudo apt-get install -y chromium/);
    expect(launch).toThrow(/npx playwright install chromium/);
  });
});
