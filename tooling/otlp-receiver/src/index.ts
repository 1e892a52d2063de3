import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** An attribute's value as OTLP/JSON carries it, decoded. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | readonly AttributeValue[]
  | { readonly [key: string]: AttributeValue };

export type Attributes = Readonly<Record<string, AttributeValue>>;

/** One span as an exporter sent it, with the service (resource) and scope it came from. */
export interface ReceivedSpan {
  readonly service: string;
  readonly scope: string;
  readonly traceId: string;
  readonly spanId: string;
  /** Absent for a trace's root span. */
  readonly parentSpanId: string | undefined;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Attributes;
  readonly events: readonly { readonly name: string; readonly attributes: Attributes }[];
  /** 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: number; readonly message?: string };
}

/** One data point of a metric: its attributes and its numbers as OTLP names them. */
export interface DataPoint {
  readonly attributes: Attributes;
  /** A sum's or a gauge's value. */
  readonly value?: number;
  /** A histogram's count and sum. */
  readonly count?: number;
  readonly sum?: number;
}

/** One metric of one export, with the service it came from. */
export interface ReceivedMetric {
  readonly service: string;
  readonly name: string;
  readonly unit: string;
  readonly description: string;
  readonly type: 'sum' | 'gauge' | 'histogram' | 'exponentialHistogram' | 'summary';
  readonly points: readonly DataPoint[];
}

interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}
interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}
interface OtlpResource {
  resource?: { attributes?: OtlpKeyValue[] };
}
interface OtlpTraces {
  resourceSpans?: (OtlpResource & {
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        attributes?: OtlpKeyValue[];
        events?: { name: string; attributes?: OtlpKeyValue[] }[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  })[];
}
interface OtlpPoint {
  attributes?: OtlpKeyValue[];
  asInt?: number | string;
  asDouble?: number;
  count?: number | string;
  sum?: number;
}
interface OtlpMetrics {
  resourceMetrics?: (OtlpResource & {
    scopeMetrics?: {
      metrics?: ({ name: string; unit?: string; description?: string } & Partial<
        Record<ReceivedMetric['type'], { dataPoints?: OtlpPoint[] }>
      >)[];
    }[];
  })[];
}

const METRIC_TYPES = ['sum', 'gauge', 'histogram', 'exponentialHistogram', 'summary'] as const;

function decodeValue(value: OtlpAnyValue | undefined): AttributeValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue) return decodeAttributes(value.kvlistValue.values);
  return null;
}

function decodeAttributes(attributes: OtlpKeyValue[] | undefined): Attributes {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, decodeValue(value)]));
}

const serviceOf = (resource: OtlpResource): string =>
  String(decodeAttributes(resource.resource?.attributes)['service.name'] ?? '');

/**
 * An OpenTelemetry collector for the tests: a real HTTP server on loopback that receives what the
 * OTLP/HTTP exporters send to `/v1/traces` and `/v1/metrics` (JSON, gzip or not: the exporters'
 * `OTEL_EXPORTER_OTLP_PROTOCOL=http/json`), decodes it, and keeps every span and metric. A
 * protobuf export is refused with 415 and counted in `refused`, so a test set up with the wrong
 * protocol fails on that, not on a missing span. `bodies` keeps every export as received, for
 * tests that look for what must never leave a process.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly metrics: ReceivedMetric[] = [];
  /** Every export's JSON text, as it arrived (decompressed). */
  readonly bodies: string[] = [];
  /** Exports refused: not JSON, or not an OTLP path. */
  readonly refused: { path: string; contentType: string }[] = [];
  private readonly arrivals = new EventEmitter();
  private readonly server: Server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });

  /** http://127.0.0.1:<port>: OTEL_EXPORTER_OTLP_ENDPOINT for the process under test. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * The standard variables that point a server's traces at this receiver: OTLP/HTTP JSON, each
   * span sent within 50 ms of its end (not 5 s) so that a test waits on arrival, no metrics or
   * logs unless `extra` asks for them.
   */
  tracesEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: this.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
      ...extra,
    };
  }

  /** Listens on loopback, on a free port. */
  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  /**
   * Resolves with what `select` finds in the spans received so far, as soon as it finds
   * something (an array that is not empty, or any other value but undefined): checked now and
   * after every export that arrives, never on a timer.
   */
  untilSpans<T>(select: (spans: readonly ReceivedSpan[]) => T | undefined): Promise<T> {
    return this.until('spans', () => select(this.spans));
  }

  /** As untilSpans, over the metrics received so far. */
  untilMetrics<T>(select: (metrics: readonly ReceivedMetric[]) => T | undefined): Promise<T> {
    return this.until('metrics', () => select(this.metrics));
  }

  /** The spans of one trace, so far. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  private until<T>(event: string, find: () => T | undefined): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const found = find();
        if (found === undefined || (Array.isArray(found) && found.length === 0)) return;
        this.arrivals.off(event, check);
        resolve(found);
      };
      this.arrivals.on(event, check);
      check();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    const contentType = request.headers['content-type'] ?? '';
    const known = path === '/v1/traces' || path === '/v1/metrics' || path === '/v1/logs';
    if (request.method !== 'POST' || !known || !contentType.startsWith('application/json')) {
      request.resume();
      this.refused.push({ path, contentType });
      response.writeHead(415, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'This receiver takes OTLP/HTTP JSON only.' }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
      'utf8',
    );
    const body: unknown = JSON.parse(text);
    this.bodies.push(text);
    if (path === '/v1/traces') this.receiveTraces(body as OtlpTraces);
    if (path === '/v1/metrics') this.receiveMetrics(body as OtlpMetrics);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
    this.arrivals.emit(path === '/v1/traces' ? 'spans' : 'metrics');
  }

  private receiveTraces(body: OtlpTraces): void {
    for (const resource of body.resourceSpans ?? []) {
      const service = serviceOf(resource);
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service,
            scope: scope.scope?.name ?? '',
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind ?? 0,
            attributes: decodeAttributes(span.attributes),
            events: (span.events ?? []).map((event) => ({
              name: event.name,
              attributes: decodeAttributes(event.attributes),
            })),
            status: { code: span.status?.code ?? 0, message: span.status?.message },
          });
        }
      }
    }
  }

  private receiveMetrics(body: OtlpMetrics): void {
    for (const resource of body.resourceMetrics ?? []) {
      const service = serviceOf(resource);
      for (const scope of resource.scopeMetrics ?? []) {
        for (const metric of scope.metrics ?? []) {
          const type = METRIC_TYPES.find((candidate) => metric[candidate] !== undefined);
          if (!type) continue;
          this.metrics.push({
            service,
            name: metric.name,
            unit: metric.unit ?? '',
            description: metric.description ?? '',
            type,
            points: (metric[type]?.dataPoints ?? []).map((point) => ({
              attributes: decodeAttributes(point.attributes),
              ...(point.asInt !== undefined ? { value: Number(point.asInt) } : {}),
              ...(point.asDouble !== undefined ? { value: point.asDouble } : {}),
              ...(point.count !== undefined ? { count: Number(point.count) } : {}),
              ...(point.sum !== undefined ? { sum: point.sum } : {}),
            })),
          });
        }
      }
    }
  }
}

/** The spans below `parent` in `spans`, at any depth. */
export function descendantsOf(
  spans: readonly ReceivedSpan[],
  parent: ReceivedSpan,
): ReceivedSpan[] {
  const children = spans.filter((span) => span.parentSpanId === parent.spanId);
  return children.flatMap((child) => [child, ...descendantsOf(spans, child)]);
}
