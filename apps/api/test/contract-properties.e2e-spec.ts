import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ANALYZE_TEXT_LIMITS,
  AnalysisId,
  type AnyEndpoint,
  encodeCursor,
  endpoints,
  ListAnalysesQuery,
  PAGE_LIMITS,
  SentimentLabel,
} from '@textpulse/contracts';
import {
  codePointString,
  invalidBody,
  lengthWithin,
  type Overrides,
  SchemaDocument,
  validBody,
} from '@textpulse/contracts-testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import { type Person, signUp } from './support/callers.js';
import { api, expectProblem } from './support/documented.js';
import { StringCoverage } from './support/string-coverage.js';

/** Bodies per operation: a few hundred in the test run, `pnpm fuzz` sets FUZZ_RUNS=10000. */
const runs = Number(process.env.FUZZ_RUNS ?? 200);

/** Long texts (up to 8,000 code points) through the whole app take a while on a busy machine. */
const PROPERTY_TIMEOUT_MS = 120_000;

/** The test run replays one seed (FUZZ_SEED, default 1) so CI is repeatable; `pnpm fuzz` explores new ones. */
const parameters = {
  numRuns: runs,
  ...(process.env.FUZZ_RUNS ? {} : { seed: Number(process.env.FUZZ_SEED ?? 1) }),
};

/**
 * What the JSON Schema of an operation cannot say: the model names this server's chain is
 * configured with, and that stored text holds neither NUL nor unpaired surrogates.
 */
const chainOfThisServer: Overrides = { '/models': fc.constant(['local']) };
const overridesOf: Record<string, Overrides> = {
  answerPrompt: chainOfThisServer,
  streamPrompt: chainOfThisServer,
  createAnalysis: {
    '/text': codePointString(lengthWithin(ANALYZE_TEXT_LIMITS.min, ANALYZE_TEXT_LIMITS.max), {
      storable: true,
    }),
  },
};

const operations = Object.values<AnyEndpoint>(endpoints).filter((endpoint) => endpoint.body);

/**
 * Whether any body the schemas accept gets the success status: not for the auth operations,
 * whose answer depends on the accounts there are (an email taken, a password that matches) and
 * whose email format the JSON Schema generator does not produce; the authorization matrix and
 * the auth tests cover their successes.
 */
const succeedsOnAnyValidBody = (endpoint: AnyEndpoint) => endpoint.tag !== 'auth';

describe.each(operations)('$method $path, bodies derived from the contract', (endpoint) => {
  const { method, path } = endpoint;
  const overrides = overridesOf[endpoint.operationId] ?? {};
  let app: NestFastifyApplication;
  let ada: Person;
  const schema = endpoint.body ? SchemaDocument.of(endpoint.body).top : {};
  // The operation's text field: the string property with a length range.
  const [textField, textSchema] =
    Object.entries(schema.properties ?? {}).find(([, property]) => property.maxLength) ?? [];
  const limits = { min: textSchema?.minLength ?? 0, max: textSchema?.maxLength ?? 0 };
  // Sent with a person's session cookie, which operations that need no caller ignore.
  const send = () => api(app, { cookie: ada.cookie })[method](path);
  const post = (body: unknown) => send().send(body as object);

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000000' });
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  it.runIf(succeedsOnAnyValidBody(endpoint))(
    `answers every valid body with its success status and a body its response schema accepts (${runs} runs)`,
    async () => {
      const coverage = new StringCoverage(limits);
      const details = await fc.check(
        fc.asyncProperty(validBody(endpoint, { overrides }), async (body) => {
          coverage.record((body as Record<string, unknown>)[textField ?? '']);
          const response = await post(body);
          expect(response.status, JSON.stringify(response.body)).toBe(endpoint.success.status);
        }),
        parameters,
      );
      console.log(
        `${method.toUpperCase()} ${path} valid: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed; "${textField}" lengths in code points:\n${coverage.histogram()}`,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
      for (const bucket of [
        `length = ${limits.min}`,
        `length = ${limits.max}`,
        'with a surrogate pair',
        ...(endpoint.operationId === 'createAnalysis' ? [] : ['with a lone surrogate']),
        'more UTF-16 units than max',
      ]) {
        expect(coverage.has(bucket), `the valid bodies reached "${bucket}"`).toBe(true);
      }
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    `answers every body with one defect with 422 naming the field, never a 5xx (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(invalidBody(endpoint, { overrides }), async ({ value, path: pointer }) => {
          const response = await post(value);
          expectProblem(response, 422);
          const paths = (response.body as { errors: { path: string }[] }).errors.map(
            (error) => error.path,
          );
          expect(
            paths.some((reported) => reported === pointer || reported.startsWith(`${pointer}/`)),
          ).toBe(true);
        }),
        parameters,
      );
      console.log(
        `${method.toUpperCase()} ${path} invalid: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed`,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    `never answers arbitrary JSON with a 5xx (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(fc.jsonValue(), async (body) => {
          const response = await send()
            .set('content-type', 'application/json')
            .send(JSON.stringify(body));
          expect(response.status).toBeLessThan(500);
        }),
        parameters,
      );
      console.log(
        `${method.toUpperCase()} ${path} any JSON: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed`,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('GET /v1/health with arbitrary query strings and request ids', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it(
    `always answers 200 with its documented body (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(
          fc.webQueryParameters(),
          fc.string({ maxLength: 200 }).filter((id) => /^[\x20-\x7e]*$/.test(id)),
          async (query, requestId) => {
            const response = await api(app)
              .get(`/v1/health?${query}`)
              .set('x-request-id', requestId);
            expect(response.status).toBe(200);
            expect(response.headers['x-request-id']).toMatch(/^[\w.-]{1,128}$/);
          },
        ),
        parameters,
      );
      console.log(`GET /v1/health: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed`);
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the stored analyses with arbitrary query values and ids', () => {
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000000' });
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  /** A value the contract takes, or anything at all; `valid` tells which. */
  const either = (good: fc.Arbitrary<string>) =>
    fc.oneof(
      good.map((value) => ({ value, valid: true })),
      fc.string({ unit: 'binary', maxLength: 300 }).map((value) => ({ value, valid: false })),
    );
  const query = fc.record(
    {
      limit: either(fc.integer({ min: PAGE_LIMITS.min, max: PAGE_LIMITS.max }).map(String)),
      cursor: either(fc.uuid({ version: 7 }).map(encodeCursor)),
      sentiment_label: either(fc.constantFrom(...SentimentLabel.options)),
    },
    { requiredKeys: [] },
  );

  it(
    `GET /v1/analyses: 200 when every value is one the contract takes, else 422 naming only sent keys; never a 5xx (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(query, async (values) => {
          const sent = Object.entries(values);
          const search = new URLSearchParams(
            sent.map(([key, { value }]): [string, string] => [key, value]),
          );
          const response = await api(app, ada).get(`/v1/analyses?${search}`);
          // What the contract says of the values as the server receives them: an arbitrary
          // string may still be one it takes ("7" as a limit).
          const received = Object.fromEntries(new URLSearchParams(search.toString()));
          const takes = ListAnalysesQuery.safeParse(received).success;
          if (sent.every(([, { valid }]) => valid)) expect(takes).toBe(true);
          if (takes) {
            expect(response.status, JSON.stringify(response.body)).toBe(200);
            return;
          }
          expectProblem(response, 422);
          for (const error of (response.body as { errors: { path: string }[] }).errors) {
            const key = /^\/query\/(\w+)$/.exec(error.path)?.[1];
            expect(key && key in values, error.path).toBe(true);
          }
        }),
        parameters,
      );
      console.log(
        `GET /v1/analyses query: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed`,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    `GET and DELETE /v1/analyses/{id}: 404 for an unknown UUID, 422 at /path/id for anything else; never a 5xx (${runs} runs)`,
    async () => {
      // A path segment can only carry well-formed Unicode (encodeURIComponent throws otherwise).
      const encodable = (value: string) => {
        try {
          return encodeURIComponent(value) !== '';
        } catch {
          return false;
        }
      };
      const id = fc.oneof(
        fc.uuid(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 100 }).filter(encodable),
      );
      const details = await fc.check(
        fc.asyncProperty(id, fc.constantFrom('get', 'delete'), async (value, method) => {
          const response = await api(app, ada)[method](`/v1/analyses/${encodeURIComponent(value)}`);
          if (AnalysisId.safeParse(value).success) {
            expectProblem(response, 404);
          } else {
            expectProblem(response, 422);
            expect(response.body.errors).toEqual([expect.objectContaining({ path: '/path/id' })]);
          }
        }),
        parameters,
      );
      console.log(`/v1/analyses/{id}: ${details.numRuns} tried, ${details.failed ? 1 : 0} failed`);
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('arbitrary credentials', () => {
  let app: NestFastifyApplication;
  let ada: Person;

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000000' });
    ada = await signUp(app);
  });
  afterAll(() => app.close());

  /** What a header can carry (visible ASCII and spaces), sometimes shaped like a bearer key. */
  const printable = fc.string({ maxLength: 600 }).filter((value) => /^[\x20-\x7e]*$/.test(value));
  const headerValue = fc.oneof(
    printable,
    printable.map((value) => `Bearer tp_${value.trim()}`),
  );
  const decoded = (cookie: string) => {
    try {
      return decodeURIComponent(cookie);
    } catch {
      return cookie;
    }
  };

  it(
    `never give a 5xx, and never a caller: 401 where one is needed (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(
          headerValue,
          headerValue,
          fc.constantFrom('/v1/analyses', '/v1/auth/api-keys', '/v1/auth/session'),
          async (authorization, cookieValue, path) => {
            const response = await api(app)
              .get(path)
              .set('authorization', authorization)
              .set('cookie', `textpulse.session_token=${cookieValue}; ${cookieValue}`);
            expect(response.status).toBe(401);
            expect(response.headers['www-authenticate']).toBe('Bearer realm="TextPulse"');
          },
        ),
        parameters,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    `never give a 5xx for cookies made from a real session cookie with arbitrary changes (${runs} runs)`,
    async () => {
      const details = await fc.check(
        fc.asyncProperty(
          fc.nat({ max: 200 }),
          fc.string({ maxLength: 8 }).filter((value) => /^[\x21-\x3a\x3c-\x7e]*$/.test(value)),
          async (at, inserted) => {
            const cookie = ada.cookie.slice(0, at) + inserted + ada.cookie.slice(at + 1);
            const response = await api(app, { cookie }).get('/v1/auth/session');
            // Only the cookie itself (or the same bytes spelled otherwise) is a session.
            expect(response.status).toBe(decoded(cookie) === decoded(ada.cookie) ? 200 : 401);
          },
        ),
        parameters,
      );
      expect(details.failed, fc.defaultReportMessage(details)).toBe(false);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
