import { ATTEMPT_TIMEOUT_MS, HANG_BOUND_MS } from './timing.js';

/**
 * The API's settings for the chain's tests against a fake OpenAI-compatible server at `baseURL`:
 * the fake's ok model first, then the local one; the fake's `behaviours` (its model names) allowed
 * as `openai:<behaviour>` beside local; each attempt bounded by ATTEMPT_TIMEOUT_MS and the whole
 * chain only by the hang bound.
 */
export function fakeModelSettings(baseURL: string, behaviours: readonly string[]) {
  return {
    TEXTPULSE_MODELS: 'openai:ok,local',
    TEXTPULSE_ALLOWED_MODELS: [...behaviours.map((model) => `openai:${model}`), 'local'].join(','),
    OPENAI_BASE_URL: baseURL,
    OPENAI_API_KEY: 'sk-test-secret',
    MODEL_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS),
    PROMPT_DEADLINE_MS: String(HANG_BOUND_MS),
  };
}
