import type { ProviderName } from './model-names.js';

export interface CompletionRequest {
  /** The model's own name, without the provider prefix. */
  model: string;
  prompt: string;
  maxTokens: number | undefined;
  temperature: number | undefined;
}

/** A source of completions for some of the chain's model names. */
export interface ModelProvider {
  /** Which provider this is; model-names.ts says which chain names it serves. */
  readonly name: ProviderName;
  /** Answers the prompt; must stop work and reject when `signal` aborts. */
  complete(request: CompletionRequest, signal: AbortSignal): Promise<string>;
}

/** A failure whose message is safe to show a client: no secrets, no internals. */
export class ModelFailure extends Error {
  override name = 'ModelFailure';
}

/** Injection token of the ordered list of model providers. */
export const MODEL_PROVIDERS = Symbol('ModelProviders');
