import { z } from 'zod';
import { commaSeparated, readEnvironment } from './environment.js';

const Endpoint = z.url({ protocol: /^https?$/ }).optional();

const Protocol = z.enum(['http/protobuf', 'http/json', 'grpc'], {
  error: 'Use http/protobuf, http/json or grpc',
});

const MetricsExporters = commaSeparated(
  z.enum(['otlp', 'prometheus', 'none'], { error: 'Use otlp, prometheus or none' }),
);

/**
 * The standard OpenTelemetry variables that decide what a server exports, checked as the server
 * starts (a bad one stops it, naming the variable). The SDK reads these and the rest of OTEL_*
 * (headers, timeouts, batching, resource attributes) itself.
 */
export const TelemetryVariables = z.object({
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z.stringbool().default(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: Endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Endpoint,
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: Endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: Protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: Protocol.optional(),
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: Protocol.optional(),
  OTEL_METRICS_EXPORTER: MetricsExporters.optional(),
  OTEL_METRIC_EXPORT_INTERVAL: z.coerce.number().int().min(1).default(60_000),
  OTEL_EXPORTER_PROMETHEUS_HOST: z.string().min(1).default('localhost'),
  OTEL_EXPORTER_PROMETHEUS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
});

export type OtlpProtocol = z.output<typeof Protocol>;

/** What a server exports, and where. */
export interface TelemetrySettings {
  /** OTEL_SERVICE_NAME, when set: the server's own name otherwise. */
  readonly serviceName: string | undefined;
  /** Traces over OTLP: an endpoint is set for them. */
  readonly traces: boolean;
  /** Metrics over OTLP, every intervalMs (OTEL_METRICS_EXPORTER has otlp, its default with an endpoint). */
  readonly otlpMetrics:
    | { readonly protocol: OtlpProtocol; readonly intervalMs: number }
    | undefined;
  /** Metrics as Prometheus text at /metrics on a port of their own (OTEL_METRICS_EXPORTER has prometheus). */
  readonly prometheus: { readonly host: string; readonly port: number } | undefined;
}

/**
 * What the environment asks a server to export, or undefined when nothing: no OTLP endpoint and
 * no Prometheus exporter, or OTEL_SDK_DISABLED=true. Undefined means the server loads no part of
 * the OpenTelemetry SDK.
 */
export function telemetrySettings(
  env: Record<string, string | undefined>,
): TelemetrySettings | undefined {
  const variables = readEnvironment(TelemetryVariables, env);
  if (variables.OTEL_SDK_DISABLED) return undefined;
  const endpoint = variables.OTEL_EXPORTER_OTLP_ENDPOINT;
  const traces =
    endpoint !== undefined || variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const metricsEndpoint = endpoint ?? variables.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT;
  const exporters =
    variables.OTEL_METRICS_EXPORTER ?? (metricsEndpoint === undefined ? [] : ['otlp']);
  const on = (exporter: 'otlp' | 'prometheus') =>
    exporters.includes(exporter) && !exporters.includes('none');
  const otlpMetrics = on('otlp')
    ? {
        protocol:
          variables.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL ??
          variables.OTEL_EXPORTER_OTLP_PROTOCOL ??
          'http/protobuf',
        intervalMs: variables.OTEL_METRIC_EXPORT_INTERVAL,
      }
    : undefined;
  const prometheus = on('prometheus')
    ? {
        host: variables.OTEL_EXPORTER_PROMETHEUS_HOST,
        port: variables.OTEL_EXPORTER_PROMETHEUS_PORT,
      }
    : undefined;
  if (!traces && !otlpMetrics && !prometheus) return undefined;
  return { serviceName: variables.OTEL_SERVICE_NAME, traces, otlpMetrics, prometheus };
}
