import { Readable } from 'node:stream';
import { EVENT_STREAM_MEDIA_TYPE, type Problem } from '@textpulse/contracts';
import { type StreamEvent, sseFrame } from '@textpulse/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemOf } from '../problems/problem.filter.js';
import { instanceOf } from '../problems/send-problem.js';
import { ClientGoneError } from './client-gone.js';

export interface EventStreamOptions<E extends StreamEvent> {
  /** How long the stream may stay silent before a heartbeat comment is sent. */
  readonly heartbeatMs: number;
  /** The event that ends a failed stream, carrying the problem the error means. */
  readonly errorEvent: (problem: Problem) => E;
}

/** A comment line: clients ignore it, proxies and idle timeouts see a live connection. */
export const SSE_HEARTBEAT = ': keep-alive\n\n';

const BEAT = Symbol('heartbeat');

/** A promise of the next heartbeat, and the means to resolve it. */
function nextBeat(): { promise: Promise<typeof BEAT>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<typeof BEAT>((done) => {
    resolve = () => done(BEAT);
  });
  return { promise, resolve };
}

/**
 * Answers with `events` as server-sent events: each one parsed with the success schema of the
 * route's operation on its way out, a heartbeat whenever the stream stays silent for
 * `heartbeatMs`. When `events` throws, the stream ends with the error event of the problem the
 * error means (a 500 logged, its detail withheld, as for any answer); when the client goes away,
 * reading stops, which closes `events`.
 */
export function sendEventStream<E extends StreamEvent>(
  request: FastifyRequest,
  reply: FastifyReply,
  events: AsyncIterable<E>,
  options: EventStreamOptions<E>,
): void {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: Fastify writes strings and buffers to the socket alike.
  const body = Readable.from(frames(request, events, options), { objectMode: false });
  void reply
    .code(200)
    .type(EVENT_STREAM_MEDIA_TYPE)
    .header('cache-control', 'no-cache')
    // Proxies such as nginx would otherwise hold the events back to fill a buffer.
    .header('x-accel-buffering', 'no')
    .send(body);
}

async function* frames<E extends StreamEvent>(
  request: FastifyRequest,
  events: AsyncIterable<E>,
  { heartbeatMs, errorEvent }: EventStreamOptions<E>,
): AsyncGenerator<string> {
  const schema = request.routeOptions.config.endpoint?.success.schema;
  // Stryker disable next-line StringLiteral: a programming error that the route table decides, never a request.
  if (!schema) throw new Error(`${request.url} streams events but declares no event schema`);
  const iterator = events[Symbol.asyncIterator]();
  let beat = nextBeat();
  const heartbeat = setInterval(() => beat.resolve(), heartbeatMs);
  const ended = (error: unknown) => {
    const problem = { ...problemOf(error), instance: instanceOf(request) };
    if (problem.status === 500) request.log.error({ err: error }, 'The event stream failed');
    else request.log.info({ status: problem.status }, 'The event stream ended with a problem');
    return sseFrame(errorEvent(problem));
  };
  try {
    let next = iterator.next();
    for (;;) {
      let result: IteratorResult<E> | typeof BEAT;
      try {
        result = await Promise.race([next, beat.promise]);
      } catch (error) {
        if (error instanceof ClientGoneError) return;
        yield ended(error);
        return;
      }
      if (result === BEAT) {
        beat = nextBeat();
        yield SSE_HEARTBEAT;
        continue;
      }
      if (result.done) return;
      const event = schema.safeParse(result.value);
      if (!event.success) {
        yield ended(new Error('An event broke its contract', { cause: event.error }));
        return;
      }
      yield sseFrame(event.data as StreamEvent);
      // The next heartbeat is due only after a silence as long again.
      heartbeat.refresh();
      next = iterator.next();
    }
  } finally {
    clearInterval(heartbeat);
    // Stryker disable next-line OptionalChaining: an async iterator's return() answers a promise.
    iterator.return?.()?.catch(() => undefined);
  }
}
