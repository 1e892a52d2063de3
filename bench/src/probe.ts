import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CpuProfile } from './cpu-profile.js';

/** What src/runtime-probe.mjs saw in a server between two readings. */
export interface RuntimeReading {
  seq: number;
  loop: { p50: number; p99: number; max: number };
  gc: { count: number; majors: number; totalMs: number; maxMs: number };
  heapMiB: number;
  /** From the first connection accepted to the last, in ms. */
  acceptMs: number;
  /** 99th percentile of the time from a request's arrival in the server to its response. */
  handlingP99Ms: number;
}

/** A probe of one server process: how to start it with the probe, and how to read it. */
export class RuntimeProbe {
  private readonly dir = mkdtempSync(join(tmpdir(), 'textpulse-probe-'));
  readonly file = join(this.dir, 'reading.json');
  private readonly profileFile = join(this.dir, 'profile.json');
  private seq = 0;

  /**
   * With `profile`, every other reading starts a CPU profile in the server, and the next one ends
   * it: `profile()` is then the span between them.
   */
  constructor(private readonly options: { profile?: boolean } = {}) {}

  /** Node's arguments that load the probe. */
  readonly nodeArgs = ['--import', fileURLToPath(new URL('./runtime-probe.mjs', import.meta.url))];

  /** The variable that turns it on. */
  get env(): Record<string, string> {
    return {
      BENCH_PROBE_FILE: this.file,
      ...(this.options.profile ? { BENCH_PROBE_PROFILE_FILE: this.profileFile } : {}),
    };
  }

  /** The CPU profile the last reading ended (a probe made with `profile`). */
  profile(): CpuProfile {
    return JSON.parse(readFileSync(this.profileFile, 'utf8')) as CpuProfile;
  }

  /** What the probe saw since the last reading (SIGWINCH), the first reading starting the count. */
  async read(pid: number | undefined): Promise<RuntimeReading> {
    if (pid === undefined) throw new Error('The probed server has no process id');
    this.seq += 1;
    process.kill(pid, 'SIGWINCH');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      try {
        const reading = JSON.parse(readFileSync(this.file, 'utf8')) as RuntimeReading;
        if (reading.seq === this.seq) return reading;
      } catch {
        // Not written yet, or half-written.
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The runtime probe did not answer within 10 s');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
