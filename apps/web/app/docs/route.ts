import { redirect } from 'next/navigation';
import { env } from '@/lib/server/env';

/** /docs on the web origin leads to the API's Swagger UI, wherever API_DOCS_URL says it is. */
export function GET(): never {
  redirect(env.apiDocsUrl);
}
