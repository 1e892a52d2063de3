import { readdirSync, readFileSync } from 'node:fs';
import parse from '@changesets/parse';
import { repositoryPath } from '@textpulse/vitest-config';
import { describe, expect, it } from 'vitest';

/** The packages that are published, and so may be named by a changeset. */
const PUBLISHED = ['@textpulse/contracts', '@textpulse/api-client'];

const directory = repositoryPath('.changeset');
const pending = readdirSync(directory).filter(
  (name) => name.endsWith('.md') && name !== 'README.md',
);

/**
 * `changeset version` reads every pending changeset: one it cannot parse stops the release. So
 * each must parse, name only published packages, and say what changed.
 */
describe.each(pending)('the pending changeset %s', (name) => {
  it('parses, names only published packages with a bump, and says what changed', () => {
    const { releases, summary } = parse(readFileSync(`${directory}/${name}`, 'utf8'));
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      expect(PUBLISHED).toContain(release.name);
      expect(['major', 'minor', 'patch']).toContain(release.type);
    }
    expect(summary.trim()).not.toBe('');
  });
});
