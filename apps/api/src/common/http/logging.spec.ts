import { type LoggerOptions, pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LogLines } from '../../../test/support/logs.js';
import { loadConfig } from '../../config.js';
import { loggerOptions, PinoNestLogger } from './logging.js';

/** A pino logger as the API builds it from `env`, writing to `logs`. */
function loggerFor(env: Record<string, string>, logs: LogLines) {
  return pino(loggerOptions(loadConfig(env)) as LoggerOptions, logs);
}

describe('loggerOptions', () => {
  it('writes JSON lines by default, readable ones with LOG_FORMAT=pretty, and to a given stream as is', () => {
    const logs = new LogLines();
    expect(loggerOptions(loadConfig({}))).not.toHaveProperty('transport');
    expect(loggerOptions(loadConfig({ LOG_FORMAT: 'pretty' }))).toMatchObject({
      transport: { target: 'pino-pretty' },
    });
    const given = loggerOptions(loadConfig({ LOG_FORMAT: 'pretty' }), logs);
    expect(given).toMatchObject({ stream: logs });
    expect(given).not.toHaveProperty('transport');
  });

  it('censors the configured key by value, wherever a line quotes it', () => {
    const logs = new LogLines();
    loggerFor({ OPENAI_API_KEY: 'sk-very-secret' }, logs).info(
      { upstream: 'said Bearer sk-very-secret' },
      'key sk-very-secret refused',
    );
    expect(logs.lines).toEqual([
      expect.objectContaining({
        upstream: 'said Bearer [redacted]',
        msg: 'key [redacted] refused',
      }),
    ]);
  });

  it('redacts keys, prompts, text and bodies by path', () => {
    const logs = new LogLines();
    loggerFor({}, logs).info({
      provider: { apiKey: 'a', api_key: 'b' },
      request: { prompt: 'c', text: 'd' },
      body: 'e',
    });
    expect(logs.lines[0]).toMatchObject({
      provider: { apiKey: '[redacted]', api_key: '[redacted]' },
      request: { prompt: '[redacted]', text: '[redacted]' },
      body: '[redacted]',
    });
  });
});

describe('PinoNestLogger', () => {
  it("writes each of Nest's levels at pino's matching level, with its context", () => {
    const logs = new LogLines();
    const nest = new PinoNestLogger(pino({ level: 'trace' }, logs));
    nest.verbose('v', 'Verbose');
    nest.debug('d', 'Debug');
    nest.log('i', 'Log');
    nest.warn('w', 'Warn');
    nest.error('e', 'the trace', 'Error');
    nest.fatal('f', 'Fatal');
    expect(
      logs.lines.map(({ level, context, msg, trace }) => ({ level, context, msg, trace })),
    ).toEqual([
      { level: 10, context: 'Verbose', msg: 'v', trace: undefined },
      { level: 20, context: 'Debug', msg: 'd', trace: undefined },
      { level: 30, context: 'Log', msg: 'i', trace: undefined },
      { level: 40, context: 'Warn', msg: 'w', trace: undefined },
      { level: 50, context: 'Error', msg: 'e', trace: 'the trace' },
      { level: 60, context: 'Fatal', msg: 'f', trace: undefined },
    ]);
  });
});
