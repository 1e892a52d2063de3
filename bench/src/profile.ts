import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { createApp } from '@textpulse/api/app';
import { loadConfig } from '@textpulse/api/config';
import { INVALID_BODY, VALID_BODY } from './fixtures.js';
import { load, loadGenerator } from './load.js';
import { freePort } from './servers.js';

/**
 * `pnpm --filter @textpulse/bench run cpu-profile [valid|invalid]`: CPU profile of the production app
 * (createApp, in this process) under load, after a warm-up. Writes bench/results/<path>.cpuprofile
 * (open it in Chrome DevTools) and prints the functions with the most self time.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const path = process.argv[2] === 'valid' ? 'valid' : 'invalid';
const body = path === 'valid' ? VALID_BODY : INVALID_BODY;
const durationS = Number(process.env.PROFILE_DURATION_S ?? 8);

if (loadGenerator !== 'wrk') {
  console.warn(
    'wrk is not installed: autocannon runs in this process and shows in the profile (apt-get install -y wrk).',
  );
}
const app = await createApp(loadConfig({ LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000000' }));
const port = await freePort();
await app.listen({ port, host: '127.0.0.1' });
const url = `http://127.0.0.1:${port}/v1/analyze`;
const expect = path === 'valid' ? '2xx' : '4xx';
try {
  await load({ url, body, expect, connections: 50, durationS: 3 });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await load({ url, body, expect, connections: 50, durationS });
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();

  const target = fileURLToPath(new URL(`../results/${path}.cpuprofile`, import.meta.url));
  writeFileSync(target, JSON.stringify(profile));
  const self = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0);
  profile.samples.forEach((id, index) => {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^file:\/\/.*?\/(apps|packages)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  console.log(
    `${path} path under ${loadGenerator}: ${result.rps.toFixed(0)} req/s while profiling. Top self time:`,
  );
  for (const [frame, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((time / total) * 100).toFixed(1).padStart(6)} %  ${frame}`);
  }
  console.log(`Wrote ${target}`);
} finally {
  await app.close();
}
