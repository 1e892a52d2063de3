import { PROBLEM_MEDIA_TYPE, type Problem, type ProblemName, problem } from '@textpulse/contracts';

/**
 * An answer that is not the operation's success: what a test makes the API do wrong or refuse.
 * `respond` gives undefined to send the operation's own answer after all (after a delay).
 */
export class MockFault {
  constructor(
    readonly describe: string,
    readonly respond: (request: Request) => Response | undefined | Promise<Response | undefined>,
  ) {}
}

const problemResponse = (body: Problem, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'content-type': PROBLEM_MEDIA_TYPE, ...headers },
  });

/** Resolves after `ms`, or at once when the client gives up on the request. */
function delayed(request: Request, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (request.signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, ms);
    request.signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** The faults a mock can play instead of an operation's answer. */
export const fault: {
  problem: (
    name: ProblemName,
    extra?: Partial<Problem> & Record<string, unknown>,
    headers?: Record<string, string>,
  ) => MockFault;
  offContract: (body: unknown, status?: number) => MockFault;
  raw: (
    status: number,
    body: unknown,
    options?: { contentType?: string; headers?: Record<string, string> },
  ) => MockFault;
  html: (status?: number) => MockFault;
  delay: (ms: number, then?: MockFault) => MockFault;
} = {
  /** A problem of the contract's catalog, as the API answers it (a 404, a 503 with Retry-After). */
  problem: (
    name: ProblemName,
    extra: Partial<Problem> & Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): MockFault =>
    new MockFault(`the problem ${name}`, (request) =>
      problemResponse(
        { ...problem(name, extra), instance: new URL(request.url).pathname },
        headers,
      ),
    ),
  /** A JSON body that breaks the contract (a client must refuse it: the web answers 502). */
  offContract: (body: unknown, status = 200): MockFault => fault.raw(status, body),
  /**
   * Any answer at all, as a misbehaving server or proxy might send it: the status, a body (JSON
   * unless it is a string), its media type and headers.
   */
  raw: (
    status: number,
    body: unknown,
    {
      contentType = 'application/json',
      headers = {},
    }: { contentType?: string; headers?: Record<string, string> } = {},
  ): MockFault =>
    new MockFault(
      `a ${status} (${contentType})`,
      () =>
        new Response(typeof body === 'string' ? body : JSON.stringify(body), {
          status,
          headers: { ...headers, 'content-type': contentType },
        }),
    ),
  /** An HTML error page, as a proxy in front of the API might send. */
  html: (status = 500): MockFault =>
    new MockFault(
      `an HTML ${status}`,
      () =>
        new Response(`<!doctype html><title>${status}</title><h1>${status}</h1>`, {
          status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
    ),
  /**
   * The operation's answer, or the one `then` gives, `ms` later; when the client gives up first,
   * the wait ends with it.
   */
  delay: (ms: number, then?: MockFault): MockFault =>
    new MockFault(`${then?.describe ?? 'the answer'} after ${ms} ms`, async (request) => {
      await delayed(request, ms);
      return then?.respond(request);
    }),
};

export { problemResponse };
