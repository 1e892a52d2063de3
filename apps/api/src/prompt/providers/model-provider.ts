import type { ProviderName } from './model-names.js';

export interface CompletionRequest {
  /** The model's own name, without the provider prefix. */
  model: string;
  prompt: string;
  maxTokens: number | undefined;
  temperature: number | undefined;
}

/** The tokens a model read and wrote for an answer, as its provider reports them. */
export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
}

/** A whole answer, with its token counts when the provider reports them. */
export interface Completion {
  readonly text: string;
  readonly usage?: Usage;
}

/** A piece of a streamed answer: the next text, or the token counts once the provider knows them. */
export type StreamPiece = { readonly text: string } | { readonly usage: Usage };

/** A source of completions for some of the chain's model names. */
export interface ModelProvider {
  /** Which provider this is; model-names.ts says which chain names it serves. */
  readonly name: ProviderName;
  /** Answers the prompt; must stop work and reject when `signal` aborts. */
  complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion>;
  /** Answers the prompt piece by piece as it is generated; must stop work and throw when `signal` aborts. */
  stream(request: CompletionRequest, signal: AbortSignal): AsyncIterable<StreamPiece>;
}

/** A failure whose message is safe to show a client: no secrets, no internals. */
export class ModelFailure extends Error {
  override name = 'ModelFailure';
}

/** Injection token of the ordered list of model providers. */
export const MODEL_PROVIDERS = Symbol('ModelProviders');
