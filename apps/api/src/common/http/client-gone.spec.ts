import { once } from 'node:events';
import { request } from 'node:http';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientGoneError, clientGone } from './client-gone.js';

describe('clientGone', () => {
  const fastify = Fastify({ forceCloseConnections: true });
  const signals: AbortSignal[] = [];
  let url: string;

  beforeAll(async () => {
    // Answers at once, or (held) never: only the client can end that one.
    fastify.get('/:answer', (req, reply) => {
      signals.push(clientGone(reply));
      if ((req.params as { answer: string }).answer === 'now') return reply.send('done');
      return reply;
    });
    url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => fastify.close());

  /** A GET on a connection of its own, closed once the answer is read (or, held, at once). */
  async function get(path: string): Promise<AbortSignal> {
    const sent = signals.length;
    const client = request(`${url}${path}`, { agent: false });
    client.on('error', () => undefined);
    client.end();
    if (path === '/now') {
      const [response] = await once(client, 'response');
      response.resume();
      await once(response, 'end');
    } else {
      while (signals.length === sent) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    client.destroy();
    const signal = signals[sent];
    if (!signal) throw new Error('the route never ran');
    return signal;
  }

  it('aborts, with a ClientGoneError named as aborts are, when the client leaves before its answer', async () => {
    const signal = await get('/held');
    if (!signal.aborted) await once(signal, 'abort');
    expect(signal.reason).toBeInstanceOf(ClientGoneError);
    expect(signal.reason).toMatchObject({
      name: 'AbortError',
      message: 'The client closed the connection before its answer',
    });
  });

  it('stays quiet when the client leaves after its answer', async () => {
    const signal = await get('/now');
    // The server sees the connection close after the answer: by then a held request's signal
    // would have fired (the test above), this one must not.
    const held = await get('/held');
    if (!held.aborted) await once(held, 'abort');
    expect(signal.aborted).toBe(false);
  });
});
