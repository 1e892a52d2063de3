import { Inject, Injectable } from '@nestjs/common';
import OpenAI from 'openai';
import { APP_CONFIG, type AppConfig } from '../../config.js';
import { type CompletionRequest, ModelFailure, type ModelProvider } from './model-provider.js';

/**
 * Models served by any OpenAI-compatible chat completions API (OpenAI, Ollama, vLLM,
 * llama.cpp's server), named "openai:<model>" in the chain. The key comes only from
 * OPENAI_API_KEY and never appears in errors or logs.
 */
@Injectable()
export class OpenAICompatibleProvider implements ModelProvider {
  private readonly client: OpenAI;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new OpenAI({
      // Local servers (Ollama, llama.cpp) need no key; OpenAI itself answers 401 without one.
      apiKey: config.openai.apiKey ?? 'no-key-configured',
      ...(config.openai.baseURL ? { baseURL: config.openai.baseURL } : {}),
      // The chain is the retry policy: each model gets one attempt within its timeout.
      maxRetries: 0,
      timeout: config.modelTimeoutMs,
    });
  }

  readonly name = 'openai';

  async complete(request: CompletionRequest, signal: AbortSignal): Promise<string> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(
        {
          model: request.model,
          messages: [{ role: 'user', content: request.prompt }],
          ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        },
        { signal },
      );
    } catch (error) {
      throw signal.aborted ? signal.reason : describe(error);
    }
    const content = completion?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') {
      throw new ModelFailure('Malformed response from the provider: no message content');
    }
    return content;
  }
}

function describe(error: unknown): ModelFailure {
  if (error instanceof OpenAI.APIConnectionError) {
    return new ModelFailure(
      errorCodes(error).includes('ECONNREFUSED')
        ? 'Connection refused by the provider'
        : 'Could not reach the provider',
    );
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const retryAfter = error.headers?.get('retry-after');
    return new ModelFailure(
      `HTTP ${error.status} from the provider${retryAfter ? ` (Retry-After: ${retryAfter})` : ''}`,
    );
  }
  if (error instanceof SyntaxError) return new ModelFailure('Malformed response from the provider');
  return new ModelFailure('The provider failed');
}

/** The `code`s along an error's cause chain (fetch hides ECONNREFUSED two causes deep). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}
