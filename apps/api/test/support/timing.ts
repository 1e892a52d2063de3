/**
 * Timeouts for the tests of the chain's timing, chosen to hold on a loaded 2-core machine: every
 * fake failure except "hang" and "slow" answers within milliseconds, two to three orders of
 * magnitude under the attempt timeout; and an attempt that starts when the first one times out
 * meets the deadline a full second later.
 */
export const ATTEMPT_TIMEOUT_MS = 1500;
export const DEADLINE_MS = 2500;

/**
 * A bound on wall-clock time that only a hang breaks: ten times the attempt timeout, the longest
 * wait a test expects. It tells "answered in bounded time" from "waited for a model that never
 * answers" without depending on how busy the machine is. No test asserts a lower bound on elapsed
 * time: what ended a request shows in its events (the attempts' errors, the problem's type, the
 * fake's abandoned()), not in a clock.
 */
export const HANG_BOUND_MS = 15_000;
