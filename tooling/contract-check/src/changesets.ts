import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import parse from '@changesets/parse';

export type Bump = 'patch' | 'minor' | 'major';

/** The packages that are published, and so may be named by a changeset. */
export const PUBLISHED = [
  '@textpulse/contracts',
  '@textpulse/api-client',
  '@textpulse/contracts-testing',
  '@textpulse/http',
] as const;
export type Published = (typeof PUBLISHED)[number];

/**
 * The published packages whose API is the contract's (the client's types are generated from the
 * document), so a change of the contract bumps them by at least what it needs.
 */
export const FOLLOW_THE_CONTRACT = ['@textpulse/contracts', '@textpulse/api-client'] as const;

/** What the pending changesets bump, by package; a package they do not name is absent. */
export type Bumps = Partial<Record<Published, Bump>>;

const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The larger of two bumps; `undefined` is no bump. */
export const larger = (a: Bump | undefined, b: Bump | undefined): Bump | undefined =>
  a === undefined ? b : b === undefined ? a : RANK[a] >= RANK[b] ? a : b;

/** Whether `given` is at least `needed`. */
export const covers = (given: Bump | undefined, needed: Bump | undefined): boolean =>
  needed === undefined || (given !== undefined && RANK[given] >= RANK[needed]);

/**
 * The bump the pending changesets in `directory` give each published package (what
 * `changeset version` will apply: the largest). `changeset version` stops at a changeset it
 * cannot read, so one that does not parse, names another package, bumps nothing or says nothing
 * is refused here, naming its file.
 */
export function pendingBumps(directory: string): Bumps {
  const bumps: Bumps = {};
  const files = readdirSync(directory).filter(
    (name) => name.endsWith('.md') && name !== 'README.md',
  );
  for (const file of files.sort()) {
    const { releases, summary } = parse(readFileSync(join(directory, file), 'utf8'));
    if (releases.length === 0) throw new Error(`.changeset/${file} bumps no package`);
    if (summary.trim() === '') throw new Error(`.changeset/${file} does not say what changed`);
    for (const { name, type } of releases) {
      if (!(PUBLISHED as readonly string[]).includes(name)) {
        throw new Error(`.changeset/${file} names ${name}, which is not published`);
      }
      if (type !== 'major' && type !== 'minor' && type !== 'patch') {
        throw new Error(`.changeset/${file} gives ${name} the bump "${type}"`);
      }
      bumps[name as Published] = larger(bumps[name as Published], type);
    }
  }
  return bumps;
}
