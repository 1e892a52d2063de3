import { EnvironmentError, telemetrySettings } from '@textpulse/runtime';

/** What the server must do with OpenTelemetry as it closes: export what it still holds. */
export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry when the standard OTEL_* variables ask for it (an OTLP endpoint, and not
 * OTEL_SDK_DISABLED=true). It must run before the server's modules are loaded, which it then
 * instruments. Otherwise nothing of the SDK is even loaded: undefined. A bad variable stops the
 * process with one message, as the API's own settings do.
 */
export async function startTelemetryWhenConfigured(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Telemetry | undefined> {
  let settings: ReturnType<typeof telemetrySettings>;
  try {
    settings = telemetrySettings(env);
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  if (!settings) return undefined;
  const { startTelemetry } = await import('./start-telemetry.js');
  return startTelemetry(settings);
}
