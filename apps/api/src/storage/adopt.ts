import { eq, isNull } from 'drizzle-orm';
import type { Db } from './database.js';
import { analyses, users } from './schema.js';

/** No account has the email an operator named. */
export class NoSuchAccountError extends Error {
  override name = 'NoSuchAccountError';
}

/**
 * Gives the analyses stored before accounts existed (no owner, shown to nobody) to the account
 * with `email`, and answers how many it got. Run again, it finds none left.
 */
export async function adoptUnownedAnalyses(db: Db, email: string): Promise<number> {
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  if (!owner) throw new NoSuchAccountError(`No account has the email ${email}: sign up first.`);
  const adopted = await db
    .update(analyses)
    .set({ ownerId: owner.id })
    .where(isNull(analyses.ownerId))
    .returning({ id: analyses.id });
  return adopted.length;
}
