import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const manifest = (url: URL): Manifest => JSON.parse(readFileSync(url, 'utf8'));
const client = manifest(new URL('../package.json', import.meta.url));
const contracts = manifest(new URL('../../contracts/package.json', import.meta.url));

describe('zod, a peer dependency of the client', () => {
  it('is the range the contracts take (4.3 or a later 4.x), not installed with the package', () => {
    expect(client.peerDependencies?.zod).toBe('^4.3.0');
    expect(client.peerDependencies?.zod).toBe(contracts.peerDependencies?.zod);
    expect(client.dependencies?.zod).toBeUndefined();
  });
});
