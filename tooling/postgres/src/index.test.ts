import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ThrowawayPostgres } from './index.js';

/** Whether something accepts TCP connections at the cluster's address. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('ThrowawayPostgres', () => {
  it('starts a server on loopback, halts and resumes it, and deletes it all on stop', async () => {
    const postgres = await new ThrowawayPostgres().start();
    try {
      expect(postgres.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      expect(await accepts(postgres.url)).toBe(true);
      postgres.halt();
      expect(await accepts(postgres.url)).toBe(false);
      postgres.resume();
      expect(await accepts(postgres.url)).toBe(true);
    } finally {
      postgres.stop();
    }
    expect(await accepts(postgres.url)).toBe(false);
    expect(existsSync(postgres.dir)).toBe(false);
  });
});
