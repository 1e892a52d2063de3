import { z } from 'zod';
import { readEnvironment } from './environment.js';

const Endpoint = z.url({ protocol: /^https?$/ }).optional();

const Protocol = z.enum(['http/protobuf', 'http/json', 'grpc'], {
  error: 'Use http/protobuf, http/json or grpc',
});

/**
 * The standard OpenTelemetry variables that decide whether a server exports telemetry at all,
 * checked as the server starts (a bad one stops it, naming the variable). The SDK reads these
 * and the rest of OTEL_* (headers, timeouts, batching, resource attributes) itself.
 */
export const TelemetryVariables = z.object({
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z.stringbool().default(false),
  OTEL_EXPORTER_OTLP_ENDPOINT: Endpoint,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: Protocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: Protocol.optional(),
});

/** What a server exports: traces when an OTLP endpoint is set for them. */
export interface TelemetrySettings {
  /** OTEL_SERVICE_NAME, when set: the server's own name otherwise. */
  readonly serviceName: string | undefined;
  readonly traces: boolean;
}

/**
 * What the environment asks a server to export, or undefined when nothing: no OTLP endpoint, or
 * OTEL_SDK_DISABLED=true. Undefined means the server loads no part of the OpenTelemetry SDK.
 */
export function telemetrySettings(
  env: Record<string, string | undefined>,
): TelemetrySettings | undefined {
  const variables = readEnvironment(TelemetryVariables, env);
  if (variables.OTEL_SDK_DISABLED) return undefined;
  const traces =
    variables.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    variables.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  return traces ? { serviceName: variables.OTEL_SERVICE_NAME, traces } : undefined;
}
