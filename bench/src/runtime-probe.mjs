// Preloaded (`node --import`) into the API and the bare floor by `pnpm bench` when
// BENCH_PROBE_FILE is set: records the event loop's delay, every garbage-collection pause, when
// each connection was accepted, and how long each request took from its arrival in the server
// (the HTTP server's 'request' event) to its response handed to the socket ('finish').
// On SIGWINCH (which Nest's shutdown hooks leave alone, unlike SIGUSR2) it writes what it saw
// since the last one to that file, then starts over. With BENCH_PROBE_PROFILE_FILE set too, every
// other SIGWINCH starts a CPU profile (the inspector's sampling profiler, every 200 µs) and the
// next one ends it and writes it to that file before the reading.
import { writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { Session } from 'node:inspector';
import {
  constants,
  monitorEventLoopDelay,
  PerformanceObserver,
  performance,
} from 'node:perf_hooks';

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

  let accepted = [];
  let handling = [];
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, ...args) {
    if (event === 'connection') accepted.push(performance.now());
    if (event === 'request') {
      const arrived = performance.now();
      args[1].once('finish', () => handling.push(performance.now() - arrived));
    }
    return emit.call(this, event, ...args);
  };
  const percentile = (values, p) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  };

  const profileFile = process.env.BENCH_PROBE_PROFILE_FILE;
  const profiler = profileFile ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    profiler.post('Profiler.enable');
    profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  let profiling = false;
  /** Starts a profile, or ends the one running and writes it; then runs `then`. */
  const toggleProfile = (then) => {
    if (!profiler) return then();
    if (!profiling) {
      profiling = true;
      return profiler.post('Profiler.start', () => then());
    }
    profiler.post('Profiler.stop', (error, result) => {
      if (error) throw error;
      profiling = false;
      writeFileSync(profileFile, JSON.stringify(result.profile));
      then();
    });
  };

  let seq = 0;
  process.on('SIGWINCH', () =>
    toggleProfile(() => {
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
        // From the first connection accepted to the last (a load generator opens them all at once).
        acceptMs: accepted.length > 1 ? (accepted.at(-1) ?? 0) - (accepted[0] ?? 0) : 0,
        handlingP99Ms: percentile(handling, 0.99),
      };
      writeFileSync(file, JSON.stringify(report));
      loop.reset();
      pauses = [];
      accepted = [];
      handling = [];
    }),
  );
}
