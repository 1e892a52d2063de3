import { createHook } from 'node:async_hooks';
import { expect, vi } from 'vitest';

/** Resources that keep a process alive or hold a port: what a leak would be made of. */
const TRACKED = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP', 'TCPCONNECTWRAP']);

/**
 * Runs `scenario` and asserts that every timer, socket and server it created is gone afterwards:
 * each one is recorded at creation and crossed off when Node destroys it, so a handle that
 * something else closed in the meantime cannot hide a new one. Waits up to `settleMs` for
 * closing sockets and pending timers to finish, a bound only a real leak exceeds.
 */
export async function expectNoLeakedHandles(
  scenario: () => Promise<void>,
  settleMs = 10_000,
): Promise<void> {
  const live = new Map<number, string>();
  let recording = true;
  const hook = createHook({
    init(id, type) {
      if (recording && TRACKED.has(type)) live.set(id, type);
    },
    destroy(id) {
      live.delete(id);
    },
  });
  hook.enable();
  try {
    await scenario();
    recording = false;
    await vi.waitFor(() => expect([...live.values()], 'handles still open').toEqual([]), {
      timeout: settleMs,
      interval: 20,
    });
  } finally {
    hook.disable();
  }
}
