import { readFileSync } from 'node:fs';
import { installPacked, type PackedInstall } from '@textpulse/packed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const manifest = (path: string): Manifest =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const own = manifest('../package.json');
const contracts = manifest('../../contracts/package.json');

describe('dependencies', () => {
  it('fast-check and zod are peers, so the arbitraries and the consumer share one of each', () => {
    expect(own.peerDependencies?.['fast-check']).toMatch(/^\^4\.\d+\.\d+$/);
    expect(own.peerDependencies?.zod).toBe(contracts.peerDependencies?.zod);
    expect(own.dependencies?.['fast-check']).toBeUndefined();
    expect(own.dependencies?.zod).toBeUndefined();
  });

  it('the contract package itself depends on nothing but its zod peer', () => {
    expect(contracts.dependencies ?? {}).toEqual({});
    expect(Object.keys(contracts.peerDependencies ?? {})).toEqual(['zod']);
  });
});

describe('outside the workspace', () => {
  let installed: PackedInstall;
  beforeAll(() => {
    installed = installPacked(
      ['packages/contracts', 'packages/http', 'packages/contracts-testing'],
      [
        `fast-check@${own.peerDependencies?.['fast-check']}`,
        `msw@${own.peerDependencies?.msw}`,
        `zod@${own.peerDependencies?.zod}`,
      ],
    );
  }, 240_000);
  afterAll(() => installed?.remove());

  it('installed from its tarball, generates bodies the contract accepts', () => {
    // The README's example, against the contract's own validation instead of a server.
    const check = `
      import { endpoints, validateRequest } from '@textpulse/contracts';
      import { invalidBody, successBody, validBody } from '@textpulse/contracts-testing';
      import fc from 'fast-check';
      const valid = fc.sample(validBody(endpoints.analyze), 100)
        .every((body) => validateRequest(endpoints.analyze, { body }).success);
      const refused = fc.sample(invalidBody(endpoints.analyze), 100).every(({ value, path }) => {
        const result = validateRequest(endpoints.analyze, { body: JSON.parse(JSON.stringify(value)) });
        return !result.success && result.problem.errors.some((error) => error.path.startsWith(path));
      });
      const answers = fc.sample(successBody(endpoints.analyze), 100)
        .every((answer) => endpoints.analyze.success.schema.safeParse(answer).success);
      fc.assert(fc.property(validBody(endpoints.analyze), (body) => body.text.length > 0), { numRuns: 20 });
      console.log(JSON.stringify({ valid, refused, answers }));`;
    expect(JSON.parse(installed.run(check))).toEqual({ valid: true, refused: true, answers: true });
  });

  it('installed from its tarball, its mocks answer as the contract says', () => {
    const check = `
      import { serveContractMocks } from '@textpulse/contracts-testing/mocks';
      const mocks = await serveContractMocks();
      const post = (body) => fetch(mocks.url + '/v1/analyze', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
      const valid = await post({ text: 'A text long enough to analyze.' });
      const invalid = await post({ text: 'short', colour: 'red' });
      const problem = await invalid.json();
      await mocks.close();
      console.log(JSON.stringify({ valid: valid.status, invalid: invalid.status, pointers: problem.errors.map((error) => error.path) }));`;
    expect(JSON.parse(installed.run(check))).toEqual({
      valid: 200,
      invalid: 422,
      pointers: ['/text', '/colour'],
    });
  });
});
