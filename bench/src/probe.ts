import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  private seq = 0;

  /** Node's arguments that load the probe. */
  readonly nodeArgs = ['--import', fileURLToPath(new URL('./runtime-probe.mjs', import.meta.url))];

  /** The variable that turns it on. */
  get env(): Record<string, string> {
    return { BENCH_PROBE_FILE: this.file };
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
