import { afterEach, describe, expect, it, vi } from 'vitest';

/** Whether instrumentation-node.ts loaded the SDK's module, and what it asked of it. */
const loaded = vi.hoisted(() => ({ module: false, started: [] as unknown[] }));
vi.mock('@/lib/server/telemetry', () => {
  loaded.module = true;
  return { startTelemetry: (settings: unknown) => loaded.started.push(settings) };
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  loaded.module = false;
  loaded.started.length = 0;
});

describe('startTelemetryWhenConfigured (the instrumentation hook)', () => {
  it('loads nothing of the OpenTelemetry SDK without an OTLP endpoint', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', undefined);
    vi.stubEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', undefined);
    // The API's Prometheus metrics are no reason for the web server to load it.
    vi.stubEnv('OTEL_METRICS_EXPORTER', 'prometheus');
    const { startTelemetryWhenConfigured } = await import('../../instrumentation-node');
    await startTelemetryWhenConfigured();
    expect(loaded.module).toBe(false);
  });

  it('starts it when an OTLP endpoint is set', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318');
    const { startTelemetryWhenConfigured } = await import('../../instrumentation-node');
    await startTelemetryWhenConfigured();
    expect(loaded.module).toBe(true);
    expect(loaded.started).toEqual([expect.objectContaining({ traces: true })]);
  });
});
