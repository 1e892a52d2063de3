/**
 * Settles with `work`, or rejects with the signal's reason as soon as `signal` aborts: a provider
 * that ignores its signal cannot hold the chain. A late rejection of `work` is ignored.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The items of `source` until `signal` aborts, then its reason thrown at once, even while
 * `source` is still waiting for its next item; `source` is closed either way.
 */
export async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await raceAbort(iterator.next(), signal);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // A generator still running queues return() until it yields; its signal has stopped its work.
    iterator.return?.()?.catch(() => undefined);
  }
}
