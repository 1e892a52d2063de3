import { connection } from 'next/server';
import { api } from '@/lib/server/api';

async function fetchHealth() {
  try {
    const { data } = await api.GET('/v1/health', {
      signal: AbortSignal.timeout(2000),
      cache: 'no-store',
    });
    return data;
  } catch {
    return undefined;
  }
}

/** Server Component: the API's health at request time, through the typed client. */
export async function ApiStatus() {
  await connection();
  const health = await fetchHealth();
  if (!health) {
    return (
      <p className="status status--down" role="status" data-testid="api-status">
        <span className="status__dot" aria-hidden="true" />
        API unreachable — start it with <code>pnpm dev</code>; forms will answer 503 until then.
      </p>
    );
  }
  return (
    <p className="status status--up" role="status" data-testid="api-status">
      <span className="status__dot" aria-hidden="true" />
      API {health.status} · v{health.version} · model chain{' '}
      {health.models.map((model, index) => (
        <span key={model}>
          {index > 0 ? ' → ' : ''}
          <code>{model}</code>
        </span>
      ))}{' '}
      · database {health.database.status} ({health.database.driver})
      {health.database.status === 'down' ? ': the history is unavailable until it is back' : ''}
    </p>
  );
}
