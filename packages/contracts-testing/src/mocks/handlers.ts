import {
  type Account,
  type AnyEndpoint,
  BODY_LIMIT_BYTES,
  type BodyOf,
  type EndpointName,
  type Endpoints,
  EVENT_STREAM_MEDIA_TYPE,
  endpoints,
  type ParamsOf,
  problem,
  type QueryOf,
  REQUEST_ID_PATTERN,
  type ResultOf,
  SESSION_COOKIE,
  WWW_AUTHENTICATE,
} from '@textpulse/contracts';
import {
  admitHead,
  admitRequest,
  type BodyReadFailure,
  credentialsOf,
  sseFrame,
} from '@textpulse/http';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { defaultAnswer } from './answers.js';
import { MockFault, problemResponse } from './faults.js';

/** The body an operation answers with: its success body, or for a stream its events in order. */
export type MockBody<N extends EndpointName> = Endpoints[N]['success'] extends {
  mediaType: typeof EVENT_STREAM_MEDIA_TYPE;
}
  ? readonly ResultOf<Endpoints[N]>[]
  : ResultOf<Endpoints[N]>;

/** A request the mock admitted: its validated inputs, the request itself and who sent it. */
export interface MockRequest<N extends EndpointName> {
  readonly inputs: {
    readonly params: ParamsOf<Endpoints[N]>;
    readonly query: QueryOf<Endpoints[N]>;
    readonly body: BodyOf<Endpoints[N]>;
  };
  readonly request: Request;
  /** The signed-in person the credentials stand for, when the operation was sent some. */
  readonly caller: Account | undefined;
}

/** What an operation answers: a body, a fault, or a function of the request giving either. */
export type MockAnswer<N extends EndpointName> = MockBody<N> | MockFault | Resolver<N>;

type Resolver<N extends EndpointName> = (
  request: MockRequest<N>,
) => MockBody<N> | MockFault | Promise<MockBody<N> | MockFault>;

const isResolver = <N extends EndpointName>(answer: MockAnswer<N>): answer is Resolver<N> =>
  typeof answer === 'function';

export type MockAnswers = { readonly [N in EndpointName]?: MockAnswer<N> };

export interface ContractMockOptions {
  /**
   * Where the API is, as the code under test calls it (http://api.test); by default any origin,
   * so the paths alone are matched.
   */
  readonly baseUrl?: string;
  /** Answers instead of the declared examples, by operation. */
  readonly answers?: MockAnswers;
  /**
   * Who is signed in: any session cookie or API key stands for this person. Without one, every
   * credential is unknown, so an operation that needs a caller answers 401, as the API does.
   */
  readonly signedIn?: Account;
  /** Origins a session's changes may come from (CSRF); without it, any origin. */
  readonly trustedOrigins?: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const unauthorized = (detail: string, instance: string) =>
  problemResponse(problem('unauthorized', { detail, instance }), {
    'www-authenticate': WWW_AUTHENTICATE,
  });
const forbidden = (detail: string, instance: string) =>
  problemResponse(problem('forbidden', { detail, instance }));

/**
 * The API's access check: 401 without a caller where one is needed, 403 for an API key on a
 * session-only operation or a session's change from an untrusted origin. A public operation
 * ignores credentials; an `optional` one refuses bad ones.
 */
function refusalOf(
  endpoint: AnyEndpoint,
  request: Request,
  options: ContractMockOptions,
  instance: string,
): { refusal: Response } | { caller: Account | undefined } {
  if (endpoint.access === 'public') return { caller: undefined };
  const credentials = credentialsOf({
    authorization: request.headers.get('authorization'),
    cookie: request.headers.get('cookie'),
  });
  if (credentials === undefined) {
    if (endpoint.access === 'optional') return { caller: undefined };
    return {
      refusal: unauthorized(
        'This operation needs a session cookie or an API key (Authorization: Bearer).',
        instance,
      ),
    };
  }
  if (credentials === 'malformed') {
    return {
      refusal: unauthorized('The Authorization header must be "Bearer <API key>".', instance),
    };
  }
  const caller = options.signedIn;
  if (!caller) {
    return {
      refusal: unauthorized(
        'The API key or session is unknown, expired, revoked or signed out.',
        instance,
      ),
    };
  }
  if (endpoint.access === 'session' && credentials.kind === 'api-key') {
    return {
      refusal: forbidden('Only a signed-in session may do this, not an API key.', instance),
    };
  }
  const origin = request.headers.get('origin');
  const crossSite =
    options.trustedOrigins !== undefined &&
    origin !== null &&
    !options.trustedOrigins.includes(origin);
  if (credentials.kind === 'session' && !SAFE_METHODS.has(request.method) && crossSite) {
    return {
      refusal: forbidden(
        'A request with a session cookie must come from a trusted origin.',
        instance,
      ),
    };
  }
  return { caller };
}

/** The body's bytes up to the limit, or why they could not be read. */
async function bodyOf(request: Request): Promise<Uint8Array | BodyReadFailure | undefined> {
  if (request.body === null) return undefined;
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > BODY_LIMIT_BYTES ? 'too-large' : bytes;
}

/** Query values as Fastify's parser gives them: a repeated name becomes a list. */
function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const before = query[name];
    query[name] = before === undefined ? value : [before, value].flat();
  }
  return query;
}

/** An answer checked against the operation's success schema, as the API checks its own. */
function checked(endpoint: AnyEndpoint, body: unknown, instance: string): Response | undefined {
  const { schema } = endpoint.success;
  if (!schema) return undefined;
  const values =
    endpoint.success.mediaType === EVENT_STREAM_MEDIA_TYPE ? (body as unknown[]) : [body];
  for (const value of values) {
    const result = schema.safeParse(value);
    if (!result.success) {
      const detail = `The mock's answer for ${endpoint.operationId} breaks the contract: ${result.error.message}`;
      return problemResponse(problem('internal-error', { detail, instance }));
    }
  }
  return undefined;
}

/** The session cookie the mocks set: any value stands for the signed-in person. */
const MOCK_SESSION = `${SESSION_COOKIE}=mock-session; Path=/; HttpOnly; SameSite=Lax`;
/** The operations whose Set-Cookie ends the session instead of starting one. */
const ENDS_THE_SESSION: readonly EndpointName[] = ['signOut', 'deleteAccount'];

/**
 * The success headers the contract declares that a mock can give: the session cookie of an
 * operation that sets one (ended by those that end the session), the Location of a created item.
 */
function declaredHeaders(name: EndpointName, endpoint: AnyEndpoint, body: unknown): Headers {
  const headers = new Headers();
  const declared = endpoint.success.headers?.shape ?? {};
  if ('Set-Cookie' in declared) {
    headers.append(
      'set-cookie',
      ENDS_THE_SESSION.includes(name) ? `${SESSION_COOKIE}=; Path=/; Max-Age=0` : MOCK_SESSION,
    );
  }
  const id = (body as { id?: unknown } | undefined)?.id;
  if ('Location' in declared && typeof id === 'string') {
    headers.set('location', `${endpoint.path}/${encodeURIComponent(id)}`);
  }
  return headers;
}

function success(name: EndpointName, endpoint: AnyEndpoint, body: unknown): Response {
  const { status, schema, mediaType } = endpoint.success;
  const headers = declaredHeaders(name, endpoint, body);
  if (!schema) return new HttpResponse(null, { status, headers });
  if (mediaType === EVENT_STREAM_MEDIA_TYPE) {
    headers.set('content-type', EVENT_STREAM_MEDIA_TYPE);
    headers.set('cache-control', 'no-cache');
    const frames = (body as { type: string }[]).map(sseFrame).join('');
    return new HttpResponse(frames, { status, headers });
  }
  return HttpResponse.json(body as Record<string, unknown>, { status, headers });
}

/** An MSW path of an OpenAPI path: "/v1/analyses/{id}" → "/v1/analyses/:id". */
const mswPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

function handlerOf<N extends EndpointName>(name: N, options: ContractMockOptions): HttpHandler {
  const endpoint: AnyEndpoint = endpoints[name];
  const answer = (options.answers?.[name] ?? defaultAnswer(name)) as MockAnswer<N>;
  return http[endpoint.method](
    `${options.baseUrl ?? '*'}${mswPath(endpoint.path)}`,
    async ({ request, params }) => {
      const instance = new URL(request.url).pathname;
      const response = await answerOf(endpoint, name, answer, request, params, options, instance);
      const inbound = request.headers.get('x-request-id');
      response.headers.set(
        'x-request-id',
        inbound !== null && REQUEST_ID_PATTERN.test(inbound) ? inbound : crypto.randomUUID(),
      );
      return response;
    },
  );
}

async function answerOf<N extends EndpointName>(
  endpoint: AnyEndpoint,
  name: N,
  answer: MockAnswer<N>,
  request: Request,
  params: Record<string, unknown>,
  options: ContractMockOptions,
  instance: string,
): Promise<Response> {
  const access = refusalOf(endpoint, request, options, instance);
  if ('refusal' in access) return access.refusal;
  const head = {
    contentType: request.headers.get('content-type'),
    contentLength: request.headers.get('content-length'),
  };
  const refusedHead = admitHead(endpoint, head);
  if (refusedHead) return problemResponse({ ...refusedHead, instance });
  const admission = admitRequest(
    endpoint,
    {
      ...head,
      params,
      query: queryOf(new URL(request.url)),
      body: endpoint.body ? await bodyOf(request) : undefined,
    },
    instance,
  );
  if (!admission.ok) return problemResponse(admission.problem);
  let given = isResolver(answer)
    ? await answer({
        inputs: admission.inputs as MockRequest<N>['inputs'],
        request,
        caller: access.caller,
      })
    : answer;
  if (given instanceof MockFault) {
    const faulty = await given.respond(request);
    if (faulty) return faulty;
    given = defaultAnswer(name) as MockBody<N>;
  }
  return checked(endpoint, given, instance) ?? success(name, endpoint, given);
}

/**
 * MSW handlers for every operation of the contract: each request is checked as the API checks
 * it — access (401, 403), then its media type and size (415, 413), its bytes (400) and its
 * inputs (422, every violation with its JSON Pointer) — and answered with the same
 * problem+json; an admitted request gets the operation's declared example, or `answers`' entry.
 * Every answer is checked against the success schema before it is sent, as the API checks its
 * own; a fault (`fault.*`) is sent as it is.
 */
export function contractHandlers(options: ContractMockOptions = {}): HttpHandler[] {
  return (Object.keys(endpoints) as EndpointName[]).map((name) => handlerOf(name, options));
}
