import { promptStreamEndpoint } from '@textpulse/contracts/prompt-stream';
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import {
  type PromptStreamEvent,
  type PromptStreamRequest,
  type StreamPromptOptions,
  streamPromptAt,
} from './prompt-stream.js';
import type { components, operations, paths } from './schema.gen.js';

export {
  ApiProblemError,
  type PromptStreamEvent,
  type PromptStreamRequest,
  readPromptEvents,
  StreamContractError,
  type StreamPromptOptions,
} from './prompt-stream.js';
export type { components, operations, paths };

/** The schemas of the TextPulse API, as generated from the contract's OpenAPI document. */
export type Schemas = components['schemas'];

/** A typed TextPulse API client: paths, bodies and answers all come from the generated types. */
export type ApiClient = Client<paths> & {
  /**
   * POST /v1/prompt/stream: the answer as it is generated, an async iterator of events validated
   * with the contract (see readPromptEvents for what it throws).
   */
  streamPrompt(
    body: PromptStreamRequest,
    options?: StreamPromptOptions,
  ): AsyncGenerator<PromptStreamEvent>;
};

/** How the client is made: openapi-fetch's options, and the caller's credentials. */
export interface ApiClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  /**
   * An API key (made by a signed-in person: POST /v1/auth/api-keys), sent as
   * `Authorization: Bearer` with every call, streamPrompt's included. In a browser on the API's
   * own origin, the session cookie goes with each call instead (`credentials: 'include'` for
   * another origin).
   */
  apiKey?: string;
}

/**
 * Sends the Request openapi-fetch made as its URL and parts, its body as bytes: given a Request
 * with a body, Node's fetch pipes that body through another stream; given bytes, it writes them
 * as they are, which costs less CPU (bench: the web handler's steps, `callApi` against `fetch`).
 */
async function sendAsParts(request: Request, fetchImpl: typeof fetch): Promise<Response> {
  return fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body === null ? null : await request.arrayBuffer(),
    signal: request.signal,
    redirect: request.redirect,
    cache: request.cache,
    credentials: request.credentials,
    mode: request.mode,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
    integrity: request.integrity,
    keepalive: request.keepalive,
  });
}

/**
 * Creates a typed client of the TextPulse API at `baseUrl` (for example http://localhost:3001).
 * Every call resolves to `{ data }` on success or `{ error }` with the problem+json body;
 * streamPrompt yields the events of a streamed answer.
 */
export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): ApiClient {
  const { apiKey, fetch: ownFetch, ...clientOptions } = options;
  const fetchImpl = ownFetch ?? globalThis.fetch;
  const credentialed = (request: Request): Request => {
    if (apiKey !== undefined) request.headers.set('authorization', `Bearer ${apiKey}`);
    return request;
  };
  const platformFetch = globalThis.fetch;
  const client = createClient<paths>({
    ...clientOptions,
    baseUrl,
    fetch: (request: Request) =>
      ownFetch
        ? ownFetch(credentialed(request))
        : sendAsParts(credentialed(request), platformFetch),
  });
  const url = `${baseUrl.replace(/\/+$/, '')}${promptStreamEndpoint.path}`;
  return Object.assign(client, {
    streamPrompt: (body: PromptStreamRequest, streamOptions?: StreamPromptOptions) =>
      streamPromptAt(url, body, streamOptions, (input, init) =>
        fetchImpl(credentialed(new Request(input, init))),
      ),
  });
}
