import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** A test a document cites: a test file, and maybe one of its tests by name. */
export interface Citation {
  /** The document, relative to the repository's root. */
  doc: string;
  line: number;
  /** As written: relative to the document's folder or to the repository's root. */
  file: string;
  /** The test's (or its group's) name, when the citation gives one: `file.test.ts` › "name". */
  name?: string;
}

/**
 * A cited test file in code style, maybe followed by › and a test name in double quotes. Globs
 * and placeholders (`*`, `<name>`) are not citations.
 */
const CITATION = /`([\w./[\]@-]+\.(?:test|spec|e2e-spec)\.tsx?)`(?:\s*›\s*"([^"]+)")?/g;

/** The citations of tests in a document's text. */
export function citationsIn(text: string, doc: string): Citation[] {
  return text.split('\n').flatMap((content, index) =>
    [...content.matchAll(CITATION)].map(([, file = '', name]) => ({
      doc,
      line: index + 1,
      file,
      ...(name === undefined ? {} : { name }),
    })),
  );
}

/** Folders that hold no document of ours: installed packages, build output, reports. */
const SKIPPED = new Set([
  'node_modules',
  'dist',
  '.git',
  '.next',
  '.turbo',
  '.data',
  'coverage',
  'test-results',
  'playwright-report',
  'reports',
]);

/** The Markdown documents under `root`, relative to it with `/` separators, sorted. */
export function documentsUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) walk(join(folder, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.md')) {
        found.push(relative(root, join(folder, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

/** Why a citation points at nothing, or undefined when its test is there. */
export function danglingReason(root: string, citation: Citation): string | undefined {
  const candidates = [join(root, dirname(citation.doc), citation.file), join(root, citation.file)];
  const path = candidates.find((candidate) => existsSync(candidate));
  if (path === undefined) {
    return `no file ${citation.file} beside ${citation.doc} or from the repository's root`;
  }
  if (citation.name !== undefined && !readFileSync(path, 'utf8').includes(citation.name)) {
    return `no test named "${citation.name}" in ${relative(root, path).split(sep).join('/')}`;
  }
  return undefined;
}
