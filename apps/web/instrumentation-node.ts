/**
 * A bad environment variable stops the server as it starts, with one message naming each one (as
 * the API does), instead of failing the pages that need it later.
 */
export async function checkEnvironment(): Promise<void> {
  try {
    await import('@/lib/server/env');
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
