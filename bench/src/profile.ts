import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANALYZE_PATHS } from './fixtures.js';
import { assertExpectedStatuses, load, loadGenerator } from './load.js';
import { startApi } from './servers.js';

/**
 * `pnpm --filter @textpulse/bench run cpu-profile [valid|invalid]`: CPU profile of the built
 * production API (apps/api/dist/main.js, run with `node --cpu-prof`, so start-up shows too) under
 * load, after a warm-up.
 * Writes bench/results/<path>.cpuprofile (open it in Chrome DevTools) and prints the functions
 * with the most self time.
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

const path = ANALYZE_PATHS.find((candidate) => candidate.name.startsWith(process.argv[2] ?? ''));
if (!path || !process.argv[2]) throw new Error('Name the path to profile: valid or invalid');
const durationS = Number(process.env.PROFILE_DURATION_S ?? 8);

if (loadGenerator !== 'wrk') {
  console.warn(
    'wrk is not installed: autocannon runs in this process and competes with the server (apt-get install -y wrk).',
  );
}
const profileDir = mkdtempSync(join(tmpdir(), 'textpulse-profile-'));
const api = await startApi({
  nodeArgs: [
    '--cpu-prof',
    `--cpu-prof-dir=${profileDir}`,
    '--import',
    fileURLToPath(new URL('./exit-on-sigusr2.mjs', import.meta.url)),
  ],
});
try {
  const url = `${api.url}/v1/analyze`;
  const run = { url, body: path.body, expect: path.expect, connections: 50 };
  assertExpectedStatuses(await load({ ...run, durationS: 3 }), `${api.name} (warm-up)`, path);
  const result = await load({ ...run, durationS });
  assertExpectedStatuses(result, api.name, path);
  if (api.pid === undefined) throw new Error('The API has no pid');
  process.kill(api.pid, 'SIGUSR2');
  await api.exited;
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`node --cpu-prof wrote no profile in ${profileDir}`);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;

  const name = path.name.split(' ')[0];
  const target = fileURLToPath(new URL(`../results/${name}.cpuprofile`, import.meta.url));
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
    `${path.name} under ${loadGenerator}: ${result.rps.toFixed(0)} req/s while profiling. Top self time:`,
  );
  for (const [frame, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${((time / total) * 100).toFixed(1).padStart(6)} %  ${frame}`);
  }
  console.log(`Wrote ${target}`);
} finally {
  await api.stop();
  rmSync(profileDir, { recursive: true, force: true });
}
