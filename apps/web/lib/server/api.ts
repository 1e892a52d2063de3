import 'server-only';
import { createApiClient } from '@textpulse/api-client';
import { env } from './env';

/** The typed TextPulse API client of the Next server. Browsers never call the API directly. */
export const api = createApiClient(env.apiUrl);
