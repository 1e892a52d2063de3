import { describe, expect, it } from 'vitest';
import { findTimingLowerBounds, formatOffence } from './detect.js';

/** The lines of `source` the detector reports. */
const linesOf = (source: string, file = 'sample.test.ts') =>
  findTimingLowerBounds(source, file).map((offence) => offence.line);

describe('findTimingLowerBounds', () => {
  it.each([
    ['the elapsed time, at least', 'expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 5);'],
    [
      "an attempt's duration_ms",
      'expect(response.body.attempts[2].duration_ms).toBeGreaterThanOrEqual(ATTEMPT_TIMEOUT_MS - 5);',
    ],
    ['a durationMs, more than', 'expect(result.durationMs).toBeGreaterThan(100);'],
    ['a duration read by key', "expect(body['duration_ms']).toBeGreaterThan(100);"],
    [
      'performance.now() read in the subject',
      'expect(performance.now() - started).toBeGreaterThan(2000);',
    ],
    ['Date.now() read in the subject', 'expect(Date.now() - before).toBeGreaterThanOrEqual(1000);'],
    ['process.hrtime', 'expect(process.hrtime.bigint() - t0).toBeGreaterThan(10n);'],
    ['"took"', 'expect(tookMs).toBeGreaterThan(40);'],
    ['"waited"', 'expect(waited).toBeGreaterThanOrEqual(3);'],
    ['with a message', "expect(elapsed, 'answered at the deadline').toBeGreaterThanOrEqual(2495);"],
    [
      'reversed: a bound less than the time',
      'expect(DEADLINE_MS - 5).toBeLessThanOrEqual(elapsed);',
    ],
    ['reversed, strictly', 'expect(100).toBeLessThan(took);'],
    ['negated: not less than', 'expect(durationMs).not.toBeLessThan(50);'],
    ['negated and reversed', 'expect(50).not.toBeGreaterThan(elapsed);'],
    ['expect.soft', 'expect.soft(elapsed).toBeGreaterThan(1);'],
    ['a promise of a time', 'await expect(durationOf(run)).resolves.toBeGreaterThan(5);'],
    ['close to a time (bounded on both sides)', 'expect(elapsed).toBeCloseTo(2500, -2);'],
    ['a comparison asserted true', 'expect(elapsed >= 100).toBe(true);'],
    ['a comparison asserted truthy', 'expect(100 <= elapsed).toBeTruthy();'],
    ['an upper bound asserted false', 'expect(elapsed < 100).toBe(false);'],
    ['node:assert', 'assert.ok(elapsed >= 100);'],
    ['node:assert, called directly', 'assert(duration > 100);'],
  ])('reports %s', (_name, source) => {
    expect(linesOf(source)).toEqual([1]);
  });

  it('reports an expect call laid out over several lines, at its first line', () => {
    const source = [
      "it('waits', async () => {",
      '  const response = await post();',
      '  expect(',
      '    performance.now() - started,',
      "    'waited for the deadline',",
      '  ).toBeGreaterThan(',
      '    DEADLINE_MS,',
      '  );',
      '});',
    ].join('\n');
    const [offence, ...more] = findTimingLowerBounds(source, 'apps/api/test/x.e2e-spec.ts');
    expect(more).toEqual([]);
    expect(offence).toMatchObject({ line: 3, column: 3 });
    expect(offence && formatOffence(offence)).toBe(
      "apps/api/test/x.e2e-spec.ts:3:3  expect( performance.now() - started, 'waited for the deadline', ).toBeGreaterThan( DEADLINE_MS, )",
    );
  });

  it('follows a variable initialised from the clock, through other variables', () => {
    const source = [
      'const t0 = performance.now();',
      'await run();',
      'const t = performance.now() - t0;',
      'const seconds = t / 1000;',
      'expect(t).toBeGreaterThan(10);',
      'expect(seconds).toBeGreaterThanOrEqual(1);',
      'expect(0.5).toBeLessThan(seconds);',
    ].join('\n');
    expect(linesOf(source)).toEqual([5, 6, 7]);
  });

  it('reports every offence of a file, each at its own line, in a .tsx file too', () => {
    const source = [
      "it('renders', async () => {",
      '  render(<Form />);',
      '  expect(elapsed).toBeGreaterThan(1);',
      '  expect(screen.getByRole("button")).toBeTruthy();',
      '  expect(5).toBeLessThan(duration);',
      '});',
    ].join('\n');
    expect(linesOf(source, 'form.test.tsx')).toEqual([3, 5]);
  });

  it.each([
    [
      'an upper bound on the elapsed time (a hang guard)',
      'expect(elapsed).toBeLessThan(HANG_BOUND_MS);',
    ],
    [
      'an upper bound with a message',
      "expect(elapsed, 'not hung').toBeLessThanOrEqual(HANG_BOUND_MS);",
    ],
    ['an upper bound, negated', 'expect(elapsed).not.toBeGreaterThan(HANG_BOUND_MS);'],
    ['an upper bound, reversed', 'expect(HANG_BOUND_MS).toBeGreaterThan(elapsed);'],
    ['an upper bound as a comparison', 'expect(elapsed < HANG_BOUND_MS).toBe(true);'],
    [
      'any duration at all',
      'expect(attempt).toEqual({ ok: true, duration_ms: expect.any(Number) });',
    ],
    [
      'an error that names a timeout',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of test code, read as text.
      'expect(attempt.error).toBe(`Timed out after ${ATTEMPT_TIMEOUT_MS} ms`);',
    ],
    ['a count', "expect(types.filter((type) => type === 'token').length).toBeGreaterThan(10);"],
    ['a Retry-After', "expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);"],
    [
      'a configured timeout',
      "expect(Number(directives(stream, 'proxy_read_timeout')[0])).toBeGreaterThanOrEqual(600);",
    ],
    ['an offence quoted in a string', "const sample = 'expect(elapsed).toBeGreaterThan(100)';"],
    ['an offence in a comment', '// expect(elapsed).toBeGreaterThan(100);'],
    [
      'an offence in a template',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a sample of test code, read as text.
      'const sample = `expect(duration).toBeGreaterThan(${limit})`;',
    ],
    [
      'a clock read that is not asserted on',
      'const until = performance.now() + ms;\nwhile (performance.now() < until) {}',
    ],
    ['a matcher called on something other than expect', 'histogram.toBeGreaterThan(elapsed);'],
  ])('passes %s', (_name, source) => {
    expect(linesOf(source)).toEqual([]);
  });
});
