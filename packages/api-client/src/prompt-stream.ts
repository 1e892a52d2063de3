import { EVENT_STREAM_MEDIA_TYPE } from '@textpulse/contracts';
import { Problem } from '@textpulse/contracts/problem';
import { PromptStreamEvent as PromptStreamEventSchema } from '@textpulse/contracts/prompt-stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { components } from './schema.gen.js';

/** The body of POST /v1/prompt/stream, as the generated types say. */
export type PromptStreamRequest = components['schemas']['PromptRequest'];
/**
 * One event of the stream, as the generated types say (validated at run time with the contract's
 * Zod schema, which src/contract-types.test.ts proves the same type).
 */
export type PromptStreamEvent = components['schemas']['PromptStreamEvent'];

/**
 * The server answered with a problem instead of a stream: a 422, a 429, a 500… `retryAfter` is
 * its Retry-After header (429, 503), when it sent one.
 */
export class ApiProblemError extends Error {
  override name = 'ApiProblemError';

  constructor(
    readonly problem: Problem,
    readonly retryAfter?: string,
  ) {
    super(problem.detail ?? problem.title);
  }
}

/**
 * The stream broke its contract: an answer that is not an event stream, an event whose data is
 * not a PromptStreamEvent (or names another type than the event), or a stream that ended before
 * its last event (`done` or `error`). `data` holds the offending event's data, if any; `status`
 * the HTTP status of an answer that was not a stream.
 */
export class StreamContractError extends Error {
  override name = 'StreamContractError';
  readonly status: number | undefined;

  constructor(
    message: string,
    readonly data?: string,
    options: ErrorOptions & { status?: number } = {},
  ) {
    super(message, options);
    this.status = options.status;
  }
}

/**
 * The events of a response of POST /v1/prompt/stream (or of a route that relays it), each
 * validated with the contract's PromptStreamEvent, until `done` or `error`. A problem answer
 * throws ApiProblemError, a broken stream StreamContractError; stopping early (break, or an
 * aborted request) cancels the body, which closes the connection and stops the models. `signal`,
 * the request's, cancels the body too when it aborts: fetch's own abort can be lost once its
 * Request is garbage-collected (undici follows the caller's signal through a weak reference).
 */
export async function* readPromptEvents(
  response: Response,
  signal?: AbortSignal,
): AsyncGenerator<PromptStreamEvent> {
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok || !contentType.startsWith(EVENT_STREAM_MEDIA_TYPE) || !response.body) {
    const body: unknown = await response.json().catch(() => undefined);
    const problem = Problem.loose().safeParse(body);
    if (problem.success && problem.data.status === response.status) {
      throw new ApiProblemError(problem.data, response.headers.get('retry-after') ?? undefined);
    }
    throw new StreamContractError(
      `Expected an event stream, got HTTP ${response.status} (${contentType || 'no content type'})`,
      undefined,
      { status: response.status },
    );
  }
  const received: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => received.push(message) });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const cancel = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  if (signal?.aborted) cancel();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
      for (let message = received.shift(); message; message = received.shift()) {
        const event = validated(message);
        yield event;
        if (event.type === 'done' || event.type === 'error') return;
      }
    }
    // Cut short by the caller: their abort, not a broken stream.
    signal?.throwIfAborted();
    throw new StreamContractError('The stream ended before its last event (done or error)');
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.cancel().catch(() => undefined);
  }
}

function validated({ event, data }: EventSourceMessage): PromptStreamEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw new StreamContractError('An event is not JSON', data, { cause: error });
  }
  const parsed = PromptStreamEventSchema.safeParse(json);
  if (!parsed.success) {
    throw new StreamContractError('An event breaks the contract', data, { cause: parsed.error });
  }
  if (parsed.data.type !== event) {
    throw new StreamContractError(`A "${parsed.data.type}" event is named "${event}"`, data);
  }
  return parsed.data;
}

export interface StreamPromptOptions {
  /** Aborting it stops reading and closes the connection; the server stops the models. */
  signal?: AbortSignal;
  /** Headers to send, such as X-Request-Id. */
  headers?: Record<string, string>;
}

/** POSTs `body` to `url` and reads the answer as prompt events (readPromptEvents). */
export async function* streamPromptAt(
  url: string,
  body: PromptStreamRequest,
  { signal, headers = {} }: StreamPromptOptions = {},
  fetchImpl: typeof fetch = globalThis.fetch,
): AsyncGenerator<PromptStreamEvent> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: EVENT_STREAM_MEDIA_TYPE, ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
  yield* readPromptEvents(response, signal);
}
