import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ThrowawayRedis } from './index.js';

/**
 * Sends PING and resolves with the reply, or with undefined when nothing answers: no connection,
 * or no reply within `waitMs` (only a frozen server makes it wait).
 */
function ping(url: string, waitMs = 60_000): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.setTimeout(waitMs, () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
    socket.once('error', () => resolve(undefined));
  });
}

describe('ThrowawayRedis', () => {
  it('starts a server on loopback, halts, resumes, pauses it, and deletes it all on stop', async () => {
    const redis = await new ThrowawayRedis().start();
    try {
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(await ping(redis.url)).toBe('+PONG');
      await redis.halt();
      expect(await ping(redis.url)).toBeUndefined();
      await redis.resume();
      expect(await ping(redis.url)).toBe('+PONG');
      redis.pause();
      expect(await ping(redis.url, 500)).toBeUndefined();
      redis.unpause();
      expect(await ping(redis.url)).toBe('+PONG');
    } finally {
      await redis.stop();
    }
    expect(await ping(redis.url)).toBeUndefined();
    expect(existsSync(redis.dir)).toBe(false);
  });
});
