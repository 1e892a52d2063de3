import { describe, expect, it } from 'vitest';
import { EnvironmentError } from './environment.js';
import { telemetrySettings } from './telemetry.js';

const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };

describe('telemetrySettings', () => {
  it('is off without an OTLP endpoint or a Prometheus exporter', () => {
    expect(telemetrySettings({})).toBeUndefined();
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBeUndefined();
    expect(telemetrySettings({ OTEL_METRIC_EXPORT_INTERVAL: '1000' })).toBeUndefined();
  });

  it('exports traces and metrics over OTLP when an endpoint for all signals is set', () => {
    expect(telemetrySettings(endpoint)).toEqual({
      serviceName: undefined,
      traces: true,
      otlpMetrics: { protocol: 'http/protobuf', intervalMs: 60_000 },
      prometheus: undefined,
    });
  });

  it('exports only the signal whose own endpoint is set', () => {
    expect(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_SERVICE_NAME: 'api-eu',
      }),
    ).toEqual({
      serviceName: 'api-eu',
      traces: true,
      otlpMetrics: undefined,
      prometheus: undefined,
    });
    expect(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://collector:4318/v1/metrics',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc',
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
      }),
    ).toMatchObject({ traces: false, otlpMetrics: { protocol: 'grpc', intervalMs: 1000 } });
  });

  it('serves Prometheus metrics when OTEL_METRICS_EXPORTER names it, on its own port', () => {
    expect(telemetrySettings({ OTEL_METRICS_EXPORTER: 'prometheus' })).toEqual({
      serviceName: undefined,
      traces: false,
      otlpMetrics: undefined,
      prometheus: { host: 'localhost', port: 9464 },
    });
    expect(
      telemetrySettings({
        ...endpoint,
        OTEL_METRICS_EXPORTER: 'otlp, prometheus',
        OTEL_EXPORTER_PROMETHEUS_HOST: '0.0.0.0',
        OTEL_EXPORTER_PROMETHEUS_PORT: '0',
      }),
    ).toMatchObject({
      traces: true,
      otlpMetrics: { protocol: 'http/protobuf' },
      prometheus: { host: '0.0.0.0', port: 0 },
    });
  });

  it('exports no metrics with OTEL_METRICS_EXPORTER=none, and nothing with OTEL_SDK_DISABLED=true', () => {
    expect(telemetrySettings({ ...endpoint, OTEL_METRICS_EXPORTER: 'none' })).toMatchObject({
      traces: true,
      otlpMetrics: undefined,
      prometheus: undefined,
    });
    expect(telemetrySettings({ OTEL_METRICS_EXPORTER: 'prometheus,none' })).toBeUndefined();
    expect(telemetrySettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(telemetrySettings({ ...endpoint, OTEL_SDK_DISABLED: 'false' })).toMatchObject({
      traces: true,
    });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      EnvironmentError,
    );
    expect(() => telemetrySettings({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'udp' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: Use http\/protobuf, http\/json or grpc/,
    );
    expect(() => telemetrySettings({ OTEL_METRICS_EXPORTER: 'statsd' })).toThrow(
      /OTEL_METRICS_EXPORTER\.0: Use otlp, prometheus or none/,
    );
    expect(() => telemetrySettings({ OTEL_EXPORTER_PROMETHEUS_PORT: '70000' })).toThrow(
      /OTEL_EXPORTER_PROMETHEUS_PORT/,
    );
    expect(() => telemetrySettings({ OTEL_SDK_DISABLED: 'maybe' })).toThrow(/OTEL_SDK_DISABLED/);
  });
});
