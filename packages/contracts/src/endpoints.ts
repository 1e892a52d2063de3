import {
  createAnalysisEndpoint,
  deleteAnalysisEndpoint,
  getAnalysisEndpoint,
  listAnalysesEndpoint,
} from './analyses.js';
import { analyzeEndpoint } from './analyze.js';
import {
  changePasswordEndpoint,
  createApiKeyEndpoint,
  deleteAccountEndpoint,
  getSessionEndpoint,
  listApiKeysEndpoint,
  requestPasswordResetEndpoint,
  resetPasswordEndpoint,
  revokeApiKeyEndpoint,
  signInEndpoint,
  signOutEndpoint,
  signUpEndpoint,
  verifyEmailEndpoint,
} from './auth.js';
import { healthEndpoint } from './health.js';
import { promptEndpoint } from './prompt.js';
import { promptStreamEndpoint } from './prompt-stream.js';

export * from './analyses.js';
export * from './analyze.js';
export * from './auth.js';
export * from './health.js';
export * from './prompt.js';
export * from './prompt-stream.js';

/** Every operation of the TextPulse API, by name. */
export const endpoints = {
  analyze: analyzeEndpoint,
  prompt: promptEndpoint,
  promptStream: promptStreamEndpoint,
  health: healthEndpoint,
  createAnalysis: createAnalysisEndpoint,
  listAnalyses: listAnalysesEndpoint,
  getAnalysis: getAnalysisEndpoint,
  deleteAnalysis: deleteAnalysisEndpoint,
  signUp: signUpEndpoint,
  signIn: signInEndpoint,
  requestPasswordReset: requestPasswordResetEndpoint,
  resetPassword: resetPasswordEndpoint,
  verifyEmail: verifyEmailEndpoint,
  signOut: signOutEndpoint,
  getSession: getSessionEndpoint,
  changePassword: changePasswordEndpoint,
  deleteAccount: deleteAccountEndpoint,
  createApiKey: createApiKeyEndpoint,
  listApiKeys: listApiKeysEndpoint,
  revokeApiKey: revokeApiKeyEndpoint,
} as const;

/** Tags of the operations, with their descriptions, in display order. */
export const tags = [
  { name: 'analyze', description: 'Text analysis: sentiment, word count, entities.' },
  { name: 'prompt', description: 'Prompts answered by an ordered chain of models with fallback.' },
  { name: 'analyses', description: 'Stored analyses: the history, by page, by id.' },
  { name: 'auth', description: 'Accounts, sessions and API keys.' },
  { name: 'health', description: 'Liveness and configuration.' },
] as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
