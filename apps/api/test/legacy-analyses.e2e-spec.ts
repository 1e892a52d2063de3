import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { adoptUnownedAnalyses, NoSuchAccountError } from '../src/storage/adopt.js';
import { Storage } from '../src/storage/storage.js';
import { createTestApp } from './support/app.js';
import { signUp } from './support/callers.js';
import { api } from './support/documented.js';

const migrations = fileURLToPath(new URL('../drizzle', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'textpulse-legacy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The migrations as they were before accounts: the first one only. */
function migrationsBeforeAccounts(): string {
  const folder = join(work, 'drizzle-0000');
  cpSync(migrations, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, 1) }));
  return folder;
}

describe('analyses stored before accounts existed', () => {
  it('are kept by the migration, shown to nobody, and given to one account by db:adopt', async () => {
    const dataDir = join(work, 'data');
    const old = new PGlite(dataDir);
    await migrate(drizzle({ client: old }), { migrationsFolder: migrationsBeforeAccounts() });
    for (const id of [
      '019a8b2c-0000-7000-8000-000000000001',
      '019a8b2c-0000-7000-8000-000000000002',
    ]) {
      await old.query(
        `INSERT INTO analyses (id, created_at, version, text, extract_entities, sentiment_score, sentiment_label, word_count)
         VALUES ($1, now(), '0.1.0', 'Stored before accounts existed.', false, 0, 'neutral', 4)`,
        [id],
      );
    }
    await old.close();

    const app = await createTestApp({ DATA_DIR: dataDir });
    try {
      const { db } = await app.get(Storage).database();
      const rows = await db.query.analyses.findMany();
      expect(rows.map((row) => row.ownerId)).toEqual([null, null]);

      const ada = await signUp(app);
      const before = await api(app, ada).get('/v1/analyses').expect(200);
      expect(before.body.items).toEqual([]);
      await api(app, ada).get(`/v1/analyses/${rows[0]?.id}`).expect(404);

      await expect(adoptUnownedAnalyses(db, 'nobody@example.com')).rejects.toThrow(
        NoSuchAccountError,
      );
      expect(await adoptUnownedAnalyses(db, ada.email.toUpperCase())).toBe(2);
      expect(await adoptUnownedAnalyses(db, ada.email)).toBe(0);
      const after = await api(app, ada).get('/v1/analyses').expect(200);
      expect(after.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
        rows.map((row) => row.id).sort(),
      );
    } finally {
      await app.close();
    }
  });
});
