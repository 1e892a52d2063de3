/** A signal that aborts with a TimeoutError after `ms`, and the means to clear its timer early. */
export interface TimeoutSignal {
  readonly signal: AbortSignal;
  clear(): void;
  /** Starts the wait over: the signal aborts `ms` from now. */
  refresh(): void;
}

/**
 * Like AbortSignal.timeout, but the timer is cleared as soon as the work is done: one request
 * leaves no timer behind, where AbortSignal.timeout's would live until it fires or is collected.
 */
export function timeoutSignal(ms: number): TimeoutSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError')),
    ms,
  );
  return {
    signal: controller.signal,
    clear: () => clearTimeout(timer),
    refresh: () => void timer.refresh(),
  };
}
