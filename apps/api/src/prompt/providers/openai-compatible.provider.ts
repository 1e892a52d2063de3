import { Inject, Injectable } from '@nestjs/common';
import OpenAI from 'openai';
import { APP_CONFIG, type AppConfig } from '../../config.js';
import {
  type Completion,
  type CompletionRequest,
  ModelFailure,
  type ModelProvider,
  type StreamPiece,
} from './model-provider.js';

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
      // The SDK would print an unparsable chunk, model output and all; the attempt's error says enough.
      logLevel: 'off',
    });
  }

  readonly name = 'openai';

  async complete(request: CompletionRequest, signal: AbortSignal): Promise<Completion> {
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await this.client.chat.completions.create(parameters(request), { signal });
    } catch (error) {
      throw signal.aborted ? signal.reason : describe(error);
    }
    const content = completion?.choices?.[0]?.message?.content;
    if (typeof content !== 'string') {
      throw new ModelFailure(NO_CONTENT);
    }
    const usage = completion.usage;
    return usage
      ? {
          text: content,
          usage: { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens },
        }
      : { text: content };
  }

  async *stream(request: CompletionRequest, signal: AbortSignal): AsyncIterable<StreamPiece> {
    let chunks: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>;
    try {
      chunks = await this.client.chat.completions.create(
        { ...parameters(request), stream: true, stream_options: { include_usage: true } },
        { signal },
      );
    } catch (error) {
      throw signal.aborted ? signal.reason : describe(error);
    }
    let answered = false;
    try {
      for await (const chunk of chunks) {
        const choice = chunk?.choices?.[0];
        if (choice !== undefined) answered = true;
        const text = choice?.delta?.content;
        if (typeof text === 'string' && text !== '') yield { text };
        if (chunk?.usage) {
          const { prompt_tokens, completion_tokens } = chunk.usage;
          yield { usage: { prompt_tokens, completion_tokens } };
        }
      }
    } catch (error) {
      throw signal.aborted ? signal.reason : describeBreak(error);
    }
    // The SDK ends an aborted stream quietly, as if the answer were complete.
    signal.throwIfAborted();
    if (!answered) throw new ModelFailure(NO_CONTENT);
  }
}

const NO_CONTENT = 'Malformed response from the provider: no message content';

function parameters(request: CompletionRequest) {
  return {
    model: request.model,
    messages: [{ role: 'user' as const, content: request.prompt }],
    ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
  };
}

/** What broke a stream that had started: a chunk that is not JSON, an error chunk, or the connection. */
function describeBreak(error: unknown): ModelFailure {
  if (error instanceof SyntaxError) return new ModelFailure('Malformed chunk from the provider');
  const errorChunk =
    error instanceof OpenAI.APIError &&
    !(error instanceof OpenAI.APIConnectionError) &&
    error.status === undefined;
  if (errorChunk) {
    return new ModelFailure('The provider reported an error mid-answer');
  }
  return new ModelFailure("The provider's stream broke off");
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
