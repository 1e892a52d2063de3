import 'server-only';
import {
  ApiProblemError,
  type PromptStreamEvent,
  StreamContractError,
} from '@textpulse/api-client';
import {
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  type BodyOf,
  type EndpointName,
  type Endpoints,
  EVENT_STREAM_MEDIA_TYPE,
  endpoints,
  type Problem,
  problem,
  type SuccessOf,
} from '@textpulse/contracts';
import { admitHead, admitRequest, sseFrame } from '@textpulse/http';
import type { z } from 'zod';
import { api } from './api';
import {
  badGateway,
  type CallContext,
  type CallInputs,
  callApi,
  callContext,
  callHeaders,
  forwardedProblem,
  unanswered,
} from './api-call';
import { env } from './env';
import { log } from './log';
import { problemResponse } from './problem-response';
import { rateLimited } from './rate-limit';
import { readBody } from './read-body';
import { fromAnotherSite } from './same-origin';

interface PostRoute<E extends AnyEndpoint & { body: z.ZodType }> {
  /** The path this handler serves, reported as the problem `instance`. */
  path: string;
  /** The contract operation it forwards to: its schema validates the body. */
  endpoint: E;
  /** Answers with the validated body; the context is that of the API call it makes. */
  forward: (body: BodyOf<E>, context: CallContext, request: Request) => Promise<Response>;
}

/**
 * A POST route handler that checks a request the way the API would before `forward` sees it:
 * the client's own limit here too (429), then the request gate the API passes requests through
 * (the same 415, 413, 400 and 422 problems), before any API call. Every answer carries the request id (the
 * browser's X-Request-Id when well-formed) that the API call carries.
 */
export function postRoute<E extends AnyEndpoint & { body: z.ZodType }>(route: PostRoute<E>) {
  const instance = route.path;
  async function answer(request: Request, context: CallContext): Promise<Response> {
    if (context.session && fromAnotherSite(request.headers)) {
      const detail = 'A request with a session cookie must come from this site.';
      return problemResponse(problem('forbidden', { detail, instance }));
    }
    const limit = await rateLimited(request.headers, instance);
    const response = limit.refused ?? (await admitted(request, context));
    for (const [name, value] of Object.entries(limit.headers)) response.headers.set(name, value);
    return response;
  }

  /** The request gate and the forward, for a request within the limit. */
  async function admitted(request: Request, context: CallContext): Promise<Response> {
    const head = {
      contentType: request.headers.get('content-type'),
      contentLength: request.headers.get('content-length'),
    };
    // Refused by its headers (415, 413) before a byte of the body is read.
    const refused = admitHead(route.endpoint, head);
    if (refused) return problemResponse({ ...refused, instance });
    const body = await readBody(request, BODY_LIMIT_BYTES);
    const admission = admitRequest(route.endpoint, { ...head, body }, instance);
    if (!admission.ok) return problemResponse(admission.problem);
    return route.forward(admission.inputs.body, context, request);
  }

  return async function POST(request: Request): Promise<Response> {
    const context = callContext(instance, request.headers);
    const response = await answer(request, context);
    response.headers.set('x-request-id', context.requestId);
    return response;
  };
}

/** A problem answer, with the Retry-After (429, 503) the browser should honour. */
const failureResponse = ({ problem, retryAfter }: { problem: Problem; retryAfter?: string }) =>
  problemResponse(problem, retryAfter === undefined ? {} : { 'retry-after': retryAfter });

/** The operations that take a JSON body: the ones a route handler forwards a browser's body to. */
type BodyOperation = {
  [N in EndpointName]: Endpoints[N] extends { body: z.ZodType } ? N : never;
}[EndpointName];

interface ProxyRoute<N extends BodyOperation> {
  path: string;
  /** The contract operation it forwards to: its schema validates the body. */
  operation: N;
  /** Where this web app shows what was created (the Location of a 201). */
  location?: (created: SuccessOf<Endpoints[N]>) => string;
}

/**
 * A route handler (postRoute) that forwards the body with the typed client and returns the API's
 * answer with its status, checked against the contract — or a problem when the API is down (503),
 * too slow (504) or answers garbage (502).
 */
export function proxyRoute<N extends BodyOperation>(route: ProxyRoute<N>) {
  const endpoint: Endpoints[N] & { body: z.ZodType } = endpoints[route.operation];
  return postRoute({
    path: route.path,
    endpoint,
    forward: async (body, context) => {
      const inputs = { body } as CallInputs<Endpoints[N]>;
      const outcome = await callApi(route.operation, inputs, context);
      if (!outcome.ok) return failureResponse(outcome);
      const { status } = endpoint.success;
      const headers: Record<string, string> = route.location
        ? { location: route.location(outcome.data) }
        : {};
      return outcome.data === undefined
        ? new Response(null, { status, headers })
        : Response.json(outcome.data, { status, headers });
    },
  });
}

/**
 * The browser went away before the API answered, and the relay hung up on the API: nothing
 * failed, and nobody is left to answer. Logged as information, not as an unreachable API; the
 * status is nginx's "client closed request", for the access log only.
 */
function browserLeft(context: CallContext): Response {
  log.info(
    { request_id: context.requestId, path: context.instance },
    'The browser left before the API answered',
  );
  return new Response(null, { status: 499 });
}

/**
 * A route handler (postRoute) that relays the API's event stream through the client's
 * streamPrompt: each event validated with the contract on its way, written again as the API
 * wrote it. Closing the browser's connection closes the API's, which stops the models. The API
 * must answer (its first event, or its problem) within API_TIMEOUT_MS, else 504; its problems are
 * relayed as the JSON routes relay them; an answer that is not a stream is 502.
 */
export function streamRoute(route: { path: string }) {
  return postRoute({
    path: route.path,
    endpoint: endpoints.promptStream,
    forward: async (body, context, request) => {
      // One controller for both ends: the browser leaving and the API not answering in time. The
      // browser's signal holds the listener, so nothing between them can be garbage-collected
      // while the stream runs (a composite AbortSignal.any is only weakly held by its sources).
      const upstream = new AbortController();
      const leave = () => upstream.abort(request.signal.reason);
      if (request.signal.aborted) leave();
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once; `once` only drops the listener sooner.
      else request.signal.addEventListener('abort', leave, { once: true });
      const timeout = setTimeout(
        () => upstream.abort(new DOMException('The API did not answer', 'TimeoutError')),
        env.apiTimeoutMs,
      );
      const events = api.streamPrompt(body, {
        signal: upstream.signal,
        headers: callHeaders(context),
      });
      let first: IteratorResult<PromptStreamEvent>;
      try {
        first = await events.next();
      } catch (error) {
        if (error instanceof ApiProblemError) {
          return failureResponse(forwardedProblem(error.problem, error.retryAfter, context));
        }
        if (error instanceof StreamContractError) {
          return failureResponse(badGateway(error.status ?? 200, context, error));
        }
        if (request.signal.aborted) return browserLeft(context);
        return failureResponse(unanswered(error, context));
      } finally {
        clearTimeout(timeout);
      }
      const encoder = new TextEncoder();
      const frame = (event: PromptStreamEvent) => encoder.encode(sseFrame(event));
      const relay = new ReadableStream<Uint8Array>({
        start(controller) {
          if (!first.done) controller.enqueue(frame(first.value));
        },
        async pull(controller) {
          try {
            const next = await events.next();
            if (next.done) controller.close();
            else controller.enqueue(frame(next.value));
          } catch (error) {
            // The browser's client sees a stream cut short: ended before its last event. A
            // browser that left (or the time that ran out) is no failure of the API.
            if (!upstream.signal.aborted) {
              log.error(
                { request_id: context.requestId, path: context.instance, cause: String(error) },
                'The TextPulse API broke off its event stream.',
              );
            }
            controller.error(error);
          }
        },
        async cancel(reason) {
          upstream.abort(reason);
          await events.return(undefined);
        },
      });
      return new Response(relay, {
        headers: {
          'content-type': EVENT_STREAM_MEDIA_TYPE,
          // no-transform: compression would hold the events back to fill its buffer.
          'cache-control': 'no-cache, no-transform',
          'x-accel-buffering': 'no',
        },
      });
    },
  });
}
