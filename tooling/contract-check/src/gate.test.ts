import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { endpoints, StoredAnalysis } from '@textpulse/contracts';
import { oldHealthEndpoint } from '@textpulse/contracts/fixtures';
import { buildOpenApiDocument } from '@textpulse/openapi';
import { afterEach, describe, expect, it } from 'vitest';
import { pendingBumps } from './changesets.js';
import type { Document } from './classify.js';
import { redeclare } from './corpus.js';
import { checkContract } from './gate.js';

const run = promisify(execFile);
const documentOf = (table = {}) =>
  JSON.parse(JSON.stringify(buildOpenApiDocument('1.0.0', { ...endpoints, ...table }))) as Document;
const released = documentOf();
/** A branch that removes `text` from what getAnalysis answers. */
const withoutText = documentOf({
  getAnalysis: redeclare(endpoints.getAnalysis, {
    success: { ...endpoints.getAnalysis.success, schema: StoredAnalysis.omit({ text: true }) },
  }),
});

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** A repository with what the gate reads: both documents, the contracts' version, changesets. */
function repository(current: Document, changesets: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'contract-check-'));
  made.push(root);
  mkdirSync(join(root, 'packages/contracts'), { recursive: true });
  mkdirSync(join(root, 'packages/openapi'), { recursive: true });
  mkdirSync(join(root, '.changeset'));
  const write = (path: string, value: unknown) =>
    writeFileSync(join(root, path), typeof value === 'string' ? value : JSON.stringify(value));
  write('packages/openapi/openapi.released.json', released);
  write('packages/openapi/openapi.json', current);
  write('packages/contracts/package.json', { name: '@textpulse/contracts', version: '1.0.0' });
  for (const [name, text] of Object.entries(changesets)) write(`.changeset/${name}`, text);
  return root;
}

const changeset = (bump: string, packages = ['@textpulse/contracts', '@textpulse/api-client']) =>
  `---\n${packages.map((name) => `"${name}": ${bump}`).join('\n')}\n---\n\nWhat changed.\n`;

const contractCheck = (root: string) =>
  run('npx', ['tsx', 'src/cli.ts', root]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );

describe('pnpm contract:check', () => {
  it('fails a removed response field with only a minor changeset, naming the field', async () => {
    const { code, stdout } = await contractCheck(
      repository(withoutText, { 'drop-text.md': changeset('minor') }),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(/^breaking +response +removed properties\/text/m);
    expect(stdout).toContain('in getAnalysis (GET /v1/analyses/{id})');
    expect(stdout).toContain(
      'released: packages/openapi/openapi.released.json#/components/schemas/StoredAnalysis/properties/text',
    );
    expect(stdout).toContain(
      '@textpulse/contracts needs a major changeset for these differences; the pending changesets give it minor.',
    );
  });

  it('passes the same branch with a major changeset', async () => {
    const { code, stdout } = await contractCheck(
      repository(withoutText, { 'drop-text.md': changeset('major') }),
    );
    expect(stdout).toContain('contract:check passed.');
    expect(code).toBe(0);
  });

  it('passes the released contract with no changeset at all', async () => {
    const { code, stdout } = await contractCheck(repository(released, {}));
    expect(stdout).toContain('The contract is the released one: no changeset needed.');
    expect(code).toBe(0);
  });
});

describe('checkContract', () => {
  const input = {
    baseline: released,
    current: withoutText,
    version: '1.0.0',
    today: '2026-12-07',
  } as const;

  it('asks both published packages for the bump: the client is generated from the document', () => {
    const { failures, needed } = checkContract({
      ...input,
      bumps: { '@textpulse/contracts': 'major', '@textpulse/api-client': 'minor' },
    });
    expect(needed).toBe('major');
    expect(failures).toEqual([
      '@textpulse/api-client needs a major changeset for these differences; the pending changesets give it minor.',
    ]);
  });

  it('refuses a baseline that is not the document of the package version', () => {
    const { failures } = checkContract({
      ...input,
      current: released,
      version: '1.1.0',
      bumps: { '@textpulse/contracts': undefined, '@textpulse/api-client': undefined },
    });
    expect(failures).toEqual([
      'The baseline is the document of 1.0.0, but @textpulse/contracts is at 1.1.0: the version step (pnpm version-packages) moves them together.',
    ]);
  });

  it('refuses to remove a deprecated operation before its sunset, even with a major changeset', () => {
    const major = { '@textpulse/contracts': 'major', '@textpulse/api-client': 'major' } as const;
    const withOldHealth = documentOf({ oldHealth: oldHealthEndpoint });
    const removal = { ...input, baseline: withOldHealth, current: released, bumps: major };
    expect(checkContract({ ...removal, today: '2099-12-31' }).failures).toEqual([
      'oldHealth (GET /v1/fixtures/old-health) is removed before its sunset (2099-12-31): keep it until then, whatever the version.',
    ]);
    expect(checkContract({ ...removal, today: '2100-01-01' }).failures).toEqual([]);
  });

  it('needs a patch for documentation only', () => {
    const described = documentOf({
      health: redeclare(endpoints.health, { description: 'Says whether it is up.' }),
    });
    const none = { '@textpulse/contracts': undefined, '@textpulse/api-client': undefined };
    const result = checkContract({ ...input, current: described, bumps: none });
    expect(result.needed).toBe('patch');
    expect(result.failures).toHaveLength(2);
  });
});

describe('pendingBumps', () => {
  const directoryWith = (changesets: Record<string, string>) =>
    join(repository(released, changesets), '.changeset');

  it('gives each package the largest pending bump', () => {
    const directory = directoryWith({
      'a.md': changeset('patch'),
      'b.md': changeset('minor', ['@textpulse/api-client']),
      'README.md': 'Not a changeset.',
    });
    expect(pendingBumps(directory)).toEqual({
      '@textpulse/contracts': 'patch',
      '@textpulse/api-client': 'minor',
    });
  });

  it('takes a changeset for the arbitraries alone, which the contract does not bind', () => {
    const directory = directoryWith({
      'a.md': changeset('minor', ['@textpulse/contracts-testing']),
    });
    expect(pendingBumps(directory)).toEqual({ '@textpulse/contracts-testing': 'minor' });
    const result = checkContract({
      baseline: released,
      current: released,
      version: '1.0.0',
      bumps: pendingBumps(directory),
      today: '2026-12-08',
    });
    expect(result.failures).toEqual([]);
  });

  it('refuses a changeset that changeset version could not apply, naming it', () => {
    expect(() =>
      pendingBumps(directoryWith({ 'x.md': changeset('minor', ['@textpulse/api']) })),
    ).toThrow('.changeset/x.md names @textpulse/api, which is not published');
    expect(() =>
      pendingBumps(directoryWith({ 'y.md': '---\n"@textpulse/contracts": minor\n---\n' })),
    ).toThrow('.changeset/y.md does not say what changed');
    expect(() => pendingBumps(directoryWith({ 'z.md': 'no front matter' }))).toThrow();
  });
});
