import { describe, expect, it } from 'vitest';
import { EnvironmentError } from './environment.js';
import { telemetrySettings } from './telemetry.js';

describe('telemetrySettings', () => {
  it('is off without an OTLP endpoint', () => {
    expect(telemetrySettings({})).toBeUndefined();
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBeUndefined();
  });

  it('exports traces when an endpoint for all signals or for traces is set', () => {
    expect(telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      serviceName: undefined,
      traces: true,
    });
    expect(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_SERVICE_NAME: 'api-eu',
      }),
    ).toEqual({ serviceName: 'api-eu', traces: true });
  });

  it('is off with OTEL_SDK_DISABLED=true, whatever else is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(telemetrySettings({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(telemetrySettings({ ...endpoint, OTEL_SDK_DISABLED: 'false' })).toMatchObject({
      traces: true,
    });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => telemetrySettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      EnvironmentError,
    );
    expect(() =>
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'udp',
      }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL: Use http\/protobuf, http\/json or grpc/);
    expect(() => telemetrySettings({ OTEL_SDK_DISABLED: 'maybe' })).toThrow(/OTEL_SDK_DISABLED/);
  });
});
