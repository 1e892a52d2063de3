/** Runs once as the server starts, before any request (Next's instrumentation hook). */
export async function register(): Promise<void> {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: Next sets it in its own process, per runtime.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkEnvironment, startTelemetryWhenConfigured } = await import(
      './instrumentation-node'
    );
    await checkEnvironment();
    await startTelemetryWhenConfigured();
  }
}
