import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ANALYZE_TEXT_LIMITS, type AnyEndpoint, endpoints } from '@textpulse/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './support/app.js';
import {
  codePointString,
  invalidBody,
  lengthWithin,
  type Overrides,
  requestSchemaOf,
  StringCoverage,
  validValue,
} from './support/arbitraries.js';
import { api, expectProblem } from './support/documented.js';

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
const overridesOf: Record<string, Overrides> = {
  answerPrompt: { '/models': fc.constant(['local']) },
  createAnalysis: {
    '/text': codePointString(lengthWithin(ANALYZE_TEXT_LIMITS.min, ANALYZE_TEXT_LIMITS.max), {
      storable: true,
    }),
  },
};

const operations = Object.values<AnyEndpoint>(endpoints).filter((endpoint) => endpoint.body);

describe.each(operations)('$method $path, bodies derived from the contract', (endpoint) => {
  const { method, path } = endpoint;
  const overrides = overridesOf[endpoint.operationId] ?? {};
  let app: NestFastifyApplication;
  const schema = requestSchemaOf(method, path);
  // The operation's text field: the string property with a length range.
  const [textField, textSchema] =
    Object.entries(schema.properties ?? {}).find(([, property]) => property.maxLength) ?? [];
  const limits = { min: textSchema?.minLength ?? 0, max: textSchema?.maxLength ?? 0 };
  const post = (body: unknown) =>
    api(app)
      .post(path)
      .send(body as object);

  beforeAll(async () => {
    app = await createTestApp({ RATE_LIMIT_MAX: '1000000000' });
  });
  afterAll(() => app.close());

  it(
    `answers every valid body with 200 and a body its response schema accepts (${runs} runs)`,
    async () => {
      const coverage = new StringCoverage(limits);
      const details = await fc.check(
        fc.asyncProperty(validValue(schema, overrides), async (body) => {
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
        fc.asyncProperty(invalidBody(schema, overrides), async ({ body, path: pointer }) => {
          const response = await post(body);
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
          const response = await api(app)
            .post(path)
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
