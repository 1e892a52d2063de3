import { prettyFactory } from 'pino-pretty';
import { describe, expect, it } from 'vitest';
import { PRETTY_FORMAT } from './log';

describe('the log with LOG_FORMAT=pretty', () => {
  const format = prettyFactory({ ...PRETTY_FORMAT, colorize: false });
  const event = {
    level: 50,
    time: Date.UTC(2026, 11, 6, 9, 30, 5, 42),
    pid: 4242,
    hostname: 'web-1',
    service: 'web',
    path: '/api/analyze',
    status: 503,
  };

  it('shows an event on one line: time, level, request id, message; then its other fields', () => {
    const shown = format(
      JSON.stringify({ ...event, request_id: 'trace-1', msg: 'The API cannot be reached.' }),
    );
    const [first, ...rest] = shown.trimEnd().split('\n');
    expect(first).toMatch(/^\[\d\d:\d\d:05\.042\] ERROR: \[trace-1\] The API cannot be reached\.$/);
    expect(rest.map((line) => line.trim())).toEqual(['path: "/api/analyze"', 'status: 503']);
    expect(shown).not.toMatch(/4242|web-1|service/);
  });

  it('shows an event without a request id without brackets', () => {
    const shown = format(JSON.stringify({ ...event, msg: 'Ready.' }));
    expect(shown.split('\n')[0]).toMatch(/^\[\d\d:\d\d:05\.042\] ERROR: Ready\.$/);
  });
});
