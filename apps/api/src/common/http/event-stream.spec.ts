import { endpoints, type PromptStreamEvent } from '@textpulse/contracts';
import { sseFrame } from '@textpulse/http';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LogLines } from '../../../test/support/logs.js';
import { ClientGoneError } from './client-gone.js';
import { sendEventStream } from './event-stream.js';

const attempt: PromptStreamEvent = { type: 'attempt', model: 'local' };

/** The events of each route: the first one, then how the source ends. */
const sources: Record<string, () => AsyncGenerator<unknown>> = {
  async *'client-gone'() {
    yield attempt;
    throw new ClientGoneError();
  },
  async *failed() {
    yield attempt;
    throw new Error('the chain broke: internal detail');
  },
  async *'broken-event'() {
    yield attempt;
    yield { type: 'token', text: 42 };
  },
};

describe('sendEventStream', () => {
  const logs = new LogLines();
  const fastify = Fastify({ logger: { level: 'info', stream: logs } });

  beforeAll(async () => {
    fastify.post('/:source', { config: { endpoint: endpoints.promptStream } }, (request, reply) => {
      const source = sources[(request.params as { source: string }).source];
      if (!source) throw new Error('no such source');
      sendEventStream(request, reply, source() as AsyncIterable<PromptStreamEvent>, {
        heartbeatMs: 600_000,
        errorEvent: (problem) => ({ type: 'error' as const, problem }),
      });
      return reply;
    });
    await fastify.ready();
  });
  beforeEach(() => {
    logs.lines.length = 0;
  });
  afterAll(() => fastify.close());

  /** The whole stream a route sends: inject reads it to its end, so the source has finished. */
  const streamOf = async (source: string) =>
    (await fastify.inject({ method: 'POST', url: `/${source}` })).body;

  it('ends quietly when the client has gone: no error event, no error logged', async () => {
    expect(await streamOf('client-gone')).toBe(sseFrame(attempt));
    expect(logs.saying('The event stream failed')).toEqual([]);
  });

  it('ends a failed stream with the 500 problem, its detail withheld, and logs the error', async () => {
    expect(await streamOf('failed')).toBe(
      sseFrame(attempt) +
        sseFrame({
          type: 'error',
          problem: {
            type: '/problems/internal-error',
            title: 'Internal Server Error',
            status: 500,
            instance: '/failed',
          },
        } as PromptStreamEvent),
    );
    expect(logs.saying('The event stream failed')).toEqual([
      expect.objectContaining({
        level: 50,
        err: expect.objectContaining({ message: 'the chain broke: internal detail' }),
      }),
    ]);
  });

  it('ends with the 500 problem when an event breaks its contract, and logs why', async () => {
    const body = await streamOf('broken-event');
    expect(body.startsWith(sseFrame(attempt))).toBe(true);
    expect(body).toContain('event: error\n');
    expect(body).not.toContain('"text":42');
    expect(logs.saying('The event stream failed')).toEqual([
      expect.objectContaining({
        err: expect.objectContaining({
          message: expect.stringMatching(/^An event broke its contract/),
        }),
      }),
    ]);
  });
});
