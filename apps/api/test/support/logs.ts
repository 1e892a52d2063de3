import { Writable } from 'node:stream';

/** A log destination that keeps each JSON line the app writes, parsed. */
export class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line));
    done();
  }

  /** The lines whose message is `msg`. */
  saying(msg: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.msg === msg);
  }

  /** Resolves once a line says `msg` (after a reconnect backoff, say, that is not ours to know). */
  async until(msg: string): Promise<void> {
    for (let waited = 0; this.saying(msg).length === 0; waited += 50) {
      if (waited > 30_000) throw new Error(`never logged: ${msg}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
