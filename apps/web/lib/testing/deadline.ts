import { vi } from 'vitest';

/**
 * What `call` answers when the API mock holds its request past the web tier's deadline for the
 * API (API_TIMEOUT_MS, `timeoutMs`): the clock is a fake one, moved on by `timeoutMs` once the
 * request has reached the API mock — so the deadline is armed — instead of a real wait that a
 * busy machine could stretch. The test sets an answer delayed well past `timeoutMs`.
 */
export async function pastTheDeadline(
  api: { nextRequest(): Promise<unknown> },
  timeoutMs: number,
  call: () => Promise<Response>,
): Promise<Response> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const arrived = api.nextRequest();
    const answer = call();
    await arrived;
    await vi.advanceTimersByTimeAsync(timeoutMs);
    return await answer;
  } finally {
    vi.useRealTimers();
  }
}
