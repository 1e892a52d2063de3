import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proveFailover, proveSharedData, proveSharedRateLimit } from './proofs.js';
import { ScaleStack } from './stack.js';

const RATE_LIMIT = 6;

/** `pnpm scale`, short: the same stack and proofs, with fewer writes. */
describe('TextPulse scaled out (pnpm scale, short)', () => {
  let stack: ScaleStack;
  beforeAll(async () => {
    stack = await ScaleStack.start({ rateLimitMax: RATE_LIMIT });
  });
  afterAll(() => stack?.stop());

  it.each([
    ['shares rate limits', () => proveSharedRateLimit(stack, RATE_LIMIT)],
    ['shares data', () => proveSharedData(stack)],
    [
      'survives a replica killed mid-load',
      () => proveFailover(stack, { writes: 80, clients: 4, rateLimitMax: RATE_LIMIT }),
    ],
  ])('%s', async (_name, prove) => {
    const proof = await prove();
    console.log(`${proof.name}\n  ${proof.facts.join('\n  ')}`);
    expect(proof.holds).toBe(true);
  });

  it('stops and deletes everything it started', async () => {
    const processes = [...stack.replicas.map((replica) => replica.child), stack.proxy];
    await stack.stop();
    for (const child of processes) expect(child.exitCode ?? child.signalCode).not.toBeNull();
    for (const dir of [stack.postgres.dir, stack.redis.dir, stack.dir]) {
      expect(existsSync(dir), dir).toBe(false);
    }
  });
});
