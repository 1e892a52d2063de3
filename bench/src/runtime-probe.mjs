// Preloaded (`node --import`) into the API and the bare floor by `pnpm bench` when
// BENCH_PROBE_FILE is set: records the event loop's delay and every garbage-collection pause.
// On SIGWINCH (which Nest's shutdown hooks leave alone, unlike SIGUSR2) it writes what it saw
// since the last one to that file, then starts over.
import { writeFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let pauses = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const major = entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
      pauses.push({ ms: entry.duration, major });
    }
  }).observe({ entryTypes: ['gc'] });
  let seq = 0;
  process.on('SIGWINCH', () => {
    seq += 1;
    const ms = (ns) => ns / 1e6;
    const report = {
      seq,
      loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      gc: {
        count: pauses.length,
        majors: pauses.filter((pause) => pause.major).length,
        totalMs: pauses.reduce((sum, pause) => sum + pause.ms, 0),
        maxMs: Math.max(0, ...pauses.map((pause) => pause.ms)),
      },
      heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    };
    writeFileSync(file, JSON.stringify(report));
    loop.reset();
    pauses = [];
  });
}
