// `API_URL=… node --conditions=react-server --import tsx src/web-steps.ts <ms>`: what the web
// tier's validated route handler does beyond a bare relay, in this process, against the API at
// API_URL — the web app's real functions (apps/web/lib/server), imported as the Next server
// imports them (the react-server condition), without Next around them. Prints one JSON line:
//  - steps: each step of the handler that needs no API, alone (tinybench);
//  - cpu: this process's CPU per request of the whole handler, the bare relay, and the API call
//    each makes, 10 calls at a time, the median of three rounds taken in turn;
//  - profile: CPU profiles of the whole handler and of the bare relay under 10 concurrent calls,
//    their time given to the part each sample belongs to (the nearest frame of a known part up
//    its stack).
// The API runs in another process: neither figure carries its work.
import { Session } from 'node:inspector/promises';
import { BODY_LIMIT_BYTES, endpoints } from '@textpulse/contracts';
import { admitHead, admitRequest } from '@textpulse/http';
import { Bench } from 'tinybench';
import { type ProfileGroups, partsBeside, profileShares } from './cpu-profile.js';
import { TEXT_300, VALID_BODY } from './fixtures.js';
import type { WebSteps } from './web-tier.js';

const timeMs = Number(process.argv[2] ?? 1000);
const apiUrl = process.env.API_URL;
if (!apiUrl) throw new Error('Set API_URL to the API the route handler calls');
// Read by the web's env.ts when it is imported: the web tier's limit lifted, as in the load runs.
Object.assign(process.env, { RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'warn' });

/**
 * The web's server modules as this script calls them. They are imported by path, not type-checked
 * here: they resolve their imports as Next's bundler does, not as this package's tsconfig.
 */
interface WebServer {
  callContext(instance: string, headers: Headers): unknown;
  callApi(
    operation: 'analyze',
    inputs: { body: { text: string } },
    context: unknown,
  ): Promise<{ ok: true; data: unknown } | { ok: false; problem: { status: number } }>;
  rateLimited(headers: Headers, instance: string): Promise<unknown>;
  readBody(request: Request, limit: number): Promise<unknown>;
  proxyRoute(route: { path: string; operation: 'analyze' }): Handler;
}
type Handler = (request: Request) => Promise<Response>;

const web = '../../apps/web/lib/server';
const modules = ['api-call', 'rate-limit', 'read-body', 'proxy-route'];
const { callApi, callContext, rateLimited, readBody, proxyRoute } = Object.assign(
  {},
  ...(await Promise.all(modules.map((name) => import(`${web}/${name}.ts`)))),
) as WebServer;
const relay = '../next-floor/app/api/relay/route.js';
const { POST: bareRelay } = (await import(relay)) as { POST: Handler };

const instance = '/api/analyze';
const handler = proxyRoute({ path: instance, operation: 'analyze' });
const browserRequest = () =>
  new Request(`http://127.0.0.1${instance}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
    body: VALID_BODY,
  });
const headers = browserRequest().headers;
const head = { contentType: 'application/json', contentLength: String(VALID_BODY.length) };
const bytes = new TextEncoder().encode(VALID_BODY);
const body = { text: TEXT_300 };
const answered = await callApi('analyze', { body }, callContext(instance, headers));
if (!answered.ok) throw new Error(`The API answered ${answered.problem.status}`);
const answer: unknown = answered.data;
const { schema } = endpoints.analyze.success;
if (!schema) throw new Error('analyze declares no success body');

const bench = new Bench({ time: timeMs, warmupTime: Math.min(500, timeMs) });
bench
  .add('a Request as Next hands it over (in both rows above)', () => browserRequest())
  .add('request id and call context (callContext)', () => callContext(instance, headers))
  .add('rate limit (rateLimited)', () => rateLimited(headers, instance))
  .add('body read within the limit (readBody: raw-body)', () =>
    readBody(browserRequest(), BODY_LIMIT_BYTES),
  )
  .add("body read, the relay's request.text()", () => browserRequest().text())
  .add('request gate (admitHead + admitRequest: parse, schema)', () => {
    admitHead(endpoints.analyze, head);
    return admitRequest(endpoints.analyze, { ...head, body: bytes }, instance);
  })
  .add('answer checked (the success schema)', () => schema.safeParse(answer))
  .add('answer written again (Response.json)', () =>
    Response.json(answer, { status: 200 }).arrayBuffer(),
  );
await bench.run();
const steps = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  return { name: task.name, meanUs: result.latency.mean * 1000, p99Us: result.latency.p99 * 1000 };
});

const CONCURRENT = 10;
/** This process's CPU time per call of `call`, `requests` calls made 10 at a time. */
async function cpuUsPerCall(requests: number, call: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      for (let n = 0; n < requests / CONCURRENT; n += 1) await call();
    }),
  );
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / requests;
}

const wholeHandler = async () => (await handler(browserRequest())).arrayBuffer();
const relayCall = async () => (await bareRelay(browserRequest())).arrayBuffer();
const calls: [name: string, call: () => Promise<unknown>][] = [
  ['whole route handler (proxyRoute)', wholeHandler],
  ['bare relay (next-floor)', relayCall],
  [
    'API call with the typed client, answer checked (callApi)',
    () => callApi('analyze', { body }, callContext(instance, headers)),
  ],
  [
    "API call with fetch, answer as text (the relay's)",
    async () => {
      const response = await fetch(`${apiUrl}/v1/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: VALID_BODY,
      });
      return response.text();
    },
  ],
];
const requests = Math.max(1000, Math.round(timeMs * 2));
for (const [, call] of calls) await cpuUsPerCall(requests / 4, call); // warm-up
/** Each call's CPU per request, the median of three rounds taken in turn. */
const rounds = new Map<string, number[]>(calls.map(([name]) => [name, []]));
for (let round = 0; round < 3; round += 1) {
  for (const [name, call] of calls) rounds.get(name)?.push(await cpuUsPerCall(requests, call));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
const cpu = calls.map(([name]) => ({ name, cpuUs: median(rounds.get(name) ?? []) }));

/** The parts of the handler and of the relay a profile's samples are given to. */
const GROUPS: ProfileGroups = [
  ['typed client (openapi-fetch) and its fetch (undici)', /openapi-fetch|api-client\/dist/],
  ['body read within the limit (read-body.ts, raw-body)', /read-body\.ts|raw-body/],
  ['rate limit (rate-limit.ts, rate-limiter-flexible)', /rate-limit\.ts|rate-limiter-flexible/],
  ['request id (request-id.ts)', /request-id\.ts/],
  ['request gate (@textpulse/http, its schema)', /packages\/http\/dist/],
  ['answer check and call plumbing (api-call.ts)', /api-call\.ts/],
  ['route handler: answer written, headers (proxy-route.ts)', /proxy-route\.ts/],
  ["the bare relay's POST: body read, fetch, Response (next-floor)", /next-floor/],
  ['the load: Requests built, answers read (this script)', /web-steps\.ts/],
];
const UNGROUPED = 'Node itself: sockets, streams, the event loop (undici reading answers)';

/** A CPU profile of `requests` calls of `call`, 10 at a time: the CPU per call, and its parts. */
async function profileOf(call: () => Promise<unknown>) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const cpuUsPerRequest = await cpuUsPerCall(requests, call);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  return { cpuUsPerRequest, shares: profileShares(profile, GROUPS, UNGROUPED) };
}

const [handlerProfile, relayProfile] = [await profileOf(wholeHandler), await profileOf(relayCall)];
const profile = {
  requests,
  handlerCpuUs: handlerProfile.cpuUsPerRequest,
  relayCpuUs: relayProfile.cpuUsPerRequest,
  parts: partsBeside(handlerProfile, relayProfile),
};
const printed: WebSteps = { steps, cpu, profile };
process.stdout.write(`${JSON.stringify(printed)}\n`);
