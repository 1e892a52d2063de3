import { telemetrySettings } from '@textpulse/runtime';

/**
 * A bad environment variable stops the server as it starts, with one message naming each one (as
 * the API does), instead of failing the pages that need it later.
 */
export async function checkEnvironment(): Promise<void> {
  try {
    await import('@/lib/server/env');
  } catch (error) {
    exitWith(error);
  }
}

/**
 * Starts OpenTelemetry when the standard OTEL_* variables ask for traces (as the API does): then
 * every page, route handler and Server Action is a span (Next makes them) and each call to the
 * API carries the trace on. Otherwise nothing of the SDK is loaded (metrics are the API's).
 */
export async function startTelemetryWhenConfigured(): Promise<void> {
  let settings: ReturnType<typeof telemetrySettings>;
  try {
    settings = telemetrySettings(process.env);
  } catch (error) {
    exitWith(error);
  }
  if (!settings?.traces) return;
  const { startTelemetry } = await import('@/lib/server/telemetry');
  startTelemetry(settings);
}

function exitWith(error: unknown): never {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
