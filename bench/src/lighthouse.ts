import { ChromiumMissingError, chromiumLaunchOptions } from '@textpulse/chromium';
import { launch } from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { median } from './load.js';

export interface PageScore {
  route: string;
  /** Lighthouse's performance score, 0–100 (median of the runs). */
  score: number;
  /** Total blocking time and largest contentful paint, in ms (medians). */
  tbtMs: number;
  lcpMs: number;
  runs: number;
}

/** The pages Lighthouse audits; /history signed in. */
export const LIGHTHOUSE_ROUTES = ['/', '/analyze', '/prompt', '/history'] as const;

/** Lighthouse's targets for each page: a performance score and a total blocking time. */
export const LIGHTHOUSE_TARGET = { score: 95, tbtMs: 200 } as const;

/** Lighthouse runs per page: the median of three, as Lighthouse's own guidance on variance says. */
const RUNS = 3;

/** Attempts of one audit: Lighthouse asks to be run again when its trace fails (NO_NAVSTART). */
const ATTEMPTS = 3;

/** One performance audit of `url`, which must not redirect (a signed-out /history would). */
async function audit(port: number, url: string, cookie: string | undefined): Promise<Result> {
  let failure = 'no result';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const result = await lighthouse(url, {
      port,
      logLevel: 'error',
      onlyCategories: ['performance'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    const lhr = result?.lhr;
    if (lhr && !lhr.runtimeError && lhr.categories.performance?.score != null) {
      const landed = new URL(lhr.finalDisplayedUrl).pathname;
      if (landed !== new URL(url).pathname) {
        throw new Error(`Lighthouse: ${url} led to ${landed}, not the page itself`);
      }
      return lhr;
    }
    failure = lhr?.runtimeError?.message ?? failure;
  }
  throw new Error(`Lighthouse could not audit ${url} in ${ATTEMPTS} attempts: ${failure}`);
}

/**
 * Lighthouse's performance audit of each page of the production web app, in its default mobile
 * profile (simulated throttling), `RUNS` times each; `cookie` goes with the requests of the
 * routes that need a signed-in person.
 */
export async function measureLighthouse(
  baseUrl: string,
  routes: readonly { route: string; cookie?: string }[],
  log: (line: string) => void,
): Promise<PageScore[] | string> {
  let launchOptions: ReturnType<typeof chromiumLaunchOptions>;
  try {
    launchOptions = chromiumLaunchOptions();
  } catch (error) {
    if (error instanceof ChromiumMissingError) return `Lighthouse skipped: ${error.message}`;
    throw error;
  }
  const chrome = await launch({
    chromePath: launchOptions.executablePath,
    chromeFlags: launchOptions.args,
  });
  try {
    const scores: PageScore[] = [];
    for (const { route, cookie } of routes) {
      const runs: { score: number; tbtMs: number; lcpMs: number }[] = [];
      for (let run = 1; run <= RUNS; run += 1) {
        const lhr = await audit(chrome.port, `${baseUrl}${route}`, cookie);
        const score = lhr.categories.performance?.score ?? Number.NaN;
        const reading = {
          score: score * 100,
          tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
        };
        runs.push(reading);
        log(
          `  Lighthouse ${route}, run ${run}: ${reading.score.toFixed(0)}, TBT ${reading.tbtMs.toFixed(0)} ms, LCP ${reading.lcpMs.toFixed(0)} ms`,
        );
      }
      scores.push({
        route,
        score: median(runs.map((reading) => reading.score)),
        tbtMs: median(runs.map((reading) => reading.tbtMs)),
        lcpMs: median(runs.map((reading) => reading.lcpMs)),
        runs: RUNS,
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}
