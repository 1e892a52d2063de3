import { Writable } from 'node:stream';

/** A log destination that keeps each JSON line the app writes, parsed. */
export class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
      this.lines.push(JSON.parse(line));
    done();
  }

  /** The lines whose message is `msg`, or matches it. */
  saying(msg: string | RegExp): Record<string, unknown>[] {
    return this.lines.filter((line) =>
      typeof msg === 'string'
        ? line.msg === msg
        : typeof line.msg === 'string' && msg.test(line.msg),
    );
  }

  /**
   * Resolves once a line says `msg` (after a reconnect backoff, or a mail sent after its request
   * was answered, say: what is not ours to time).
   */
  async until(msg: string | RegExp): Promise<void> {
    for (let waited = 0; this.saying(msg).length === 0; waited += 50) {
      if (waited > 30_000) throw new Error(`never logged: ${msg}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
