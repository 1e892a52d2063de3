import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { citationsIn, danglingReason, documentsUnder } from './citations.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe("the repository's documents", () => {
  const docs = documentsUnder(root);
  const citations = docs.flatMap((doc) => citationsIn(readFileSync(join(root, doc), 'utf8'), doc));

  it('are all read, in every workspace', () => {
    expect(docs).toEqual(
      expect.arrayContaining(['README.md', 'docs/SECURITY.md', 'apps/api/README.md']),
    );
    expect(docs.filter((doc) => doc.includes('node_modules/'))).toEqual([]);
    expect(citations.length).toBeGreaterThan(30);
  });

  it('cite only tests that exist', () => {
    const dangling = citations.flatMap((citation) => {
      const reason = danglingReason(root, citation);
      return reason === undefined ? [] : [`${citation.doc}:${citation.line}: ${reason}`];
    });
    expect(dangling, "Cite a test by its path from the document's folder or the root").toEqual([]);
  });
});

describe('a citation', () => {
  const fixture = mkdtempSync(join(tmpdir(), 'textpulse-citations-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(fixture, path)), { recursive: true });
    writeFileSync(join(fixture, path), text);
  };
  write(
    'apps/api/test/health.e2e-spec.ts',
    "it('answers 200 while the database is up', () => {});",
  );
  afterAll(() => rmSync(fixture, { recursive: true, force: true }));

  const reasons = (text: string, doc: string) =>
    citationsIn(text, doc).map((citation) => danglingReason(fixture, citation));

  it('holds when its file is there, from the document or from the root, with the test named', () => {
    expect(
      reasons(
        'Proved by `test/health.e2e-spec.ts` › "answers 200 while the database is up".',
        'apps/api/README.md',
      ),
    ).toEqual([undefined]);
    expect(reasons('See `apps/api/test/health.e2e-spec.ts`.', 'docs/SECURITY.md')).toEqual([
      undefined,
    ]);
  });

  it('dangles when its file moved, or its test was renamed', () => {
    expect(reasons('See `test/health.e2e-spec.ts`.', 'docs/SECURITY.md')).toEqual([
      "no file test/health.e2e-spec.ts beside docs/SECURITY.md or from the repository's root",
    ]);
    expect(
      reasons('`test/health.e2e-spec.ts` › "answers 503 when it is down"', 'apps/api/README.md'),
    ).toEqual(['no test named "answers 503 when it is down" in apps/api/test/health.e2e-spec.ts']);
  });

  it('is not a glob or a placeholder', () => {
    expect(citationsIn('`test/*.e2e-spec.ts`, `tests/<name>.spec.ts`', 'README.md')).toEqual([]);
  });
});
