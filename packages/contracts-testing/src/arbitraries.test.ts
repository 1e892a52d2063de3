import { type AnyEndpoint, encodeCursor, endpoints, validateRequest } from '@textpulse/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  codePointString,
  invalidBody,
  lengthWithin,
  successBody,
  validBody,
  validQuery,
} from './index.js';

const all = Object.values<AnyEndpoint>(endpoints);
const withBody = all.filter((endpoint) => endpoint.body);
const withSuccessBody = all.filter((endpoint) => endpoint.success.schema);
const samples = { numRuns: 150, seed: 7 };

/** The JSON a body becomes on the wire, parsed again: what a server's schemas judge. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe.each(withBody)('$operationId: request bodies', (endpoint) => {
  it('validBody gives bodies the operation accepts', () => {
    fc.assert(
      fc.property(validBody(endpoint), (body) => {
        const result = validateRequest(endpoint, { body: overTheWire(body) });
        expect(result.success, JSON.stringify(result)).toBe(true);
      }),
      samples,
    );
  });

  it('invalidBody gives bodies the operation refuses, naming the part at fault', () => {
    fc.assert(
      fc.property(invalidBody(endpoint), ({ value, path }) => {
        const result = validateRequest(endpoint, { body: overTheWire(value) });
        expect(result.success).toBe(false);
        const named = result.success
          ? []
          : (result.problem.errors ?? []).map((error) => error.path);
        expect(named.some((pointer) => pointer === path || pointer.startsWith(`${path}/`))).toBe(
          true,
        );
      }),
      samples,
    );
  });
});

describe.each(withSuccessBody)('$operationId: success bodies', (endpoint) => {
  it('successBody gives answers the success schema accepts', () => {
    fc.assert(
      fc.property(successBody(endpoint), (body) => {
        const result = endpoint.success.schema?.safeParse(overTheWire(body));
        expect(result?.success, JSON.stringify(result?.error?.issues)).toBe(true);
      }),
      samples,
    );
  });
});

describe('validQuery', () => {
  it('gives query parameters the operation accepts once sent as strings', () => {
    const endpoint = endpoints.listAnalyses;
    const cursor = fc.uuid({ version: 7 }).map(encodeCursor);
    fc.assert(
      fc.property(validQuery(endpoint, { overrides: { '/cursor': cursor } }), (query) => {
        const asSent = Object.fromEntries(
          Object.entries(query).map(([name, value]) => [name, String(value)]),
        );
        expect(validateRequest(endpoint, { query: asSent }).success).toBe(true);
      }),
      samples,
    );
  });
});

describe('overrides', () => {
  it('use the given arbitrary at its JSON Pointer', () => {
    const models = fc.constant(['local']);
    const bodies = fc.sample(validBody(endpoints.prompt, { overrides: { '/models': models } }), 50);
    const sent = bodies.filter((body) => body.models !== undefined);
    expect(sent.length).toBeGreaterThan(0);
    for (const body of sent) expect(body.models).toEqual(['local']);
  });

  it('apply to the valid parts of an invalid body', () => {
    const text = 'a valid text of some length';
    const bodies = fc.sample(
      invalidBody(endpoints.analyze, { overrides: { '/text': fc.constant(text) } }),
      80,
    );
    const elsewhere = bodies.filter(({ path }) => path !== '/text');
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const { value } of elsewhere) expect((value as { text: string }).text).toBe(text);
  });
});

describe('a string the contract checks beyond its JSON Schema', () => {
  it('without an override, is refused with the pointer that needs one', () => {
    expect(() => validQuery(endpoints.listAnalyses)).toThrow(
      'The contract checks the string at "/cursor" beyond its JSON Schema, and no generated string passes: give it an override.',
    );
  });
});

describe('an operation without the part asked for', () => {
  it('is refused with its name', () => {
    expect(() => validBody(endpoints.health)).toThrow(
      'getHealth (GET /v1/health) has no request body',
    );
  });
});

describe('strings in code points', () => {
  it('codePointString gives exactly the generated length, the limits among them', () => {
    const lengths = fc.sample(codePointString(lengthWithin(10, 5000)), { numRuns: 300, seed: 3 });
    const measured = lengths.map(codePointLength);
    for (const length of measured) {
      expect(length).toBeGreaterThanOrEqual(10);
      expect(length).toBeLessThanOrEqual(5000);
    }
    expect(measured).toContain(10);
    expect(measured).toContain(5000);
  });

  it('storable strings hold neither NUL nor a lone surrogate', () => {
    for (const text of fc.sample(codePointString(fc.constant(200), { storable: true }), 100)) {
      expect(text.includes('\u0000')).toBe(false);
      // encodeURIComponent refuses a lone surrogate with a URIError.
      expect(() => encodeURIComponent(text)).not.toThrow();
    }
  });
});
