import { Inject, Injectable } from '@nestjs/common';
import type { Attempt, EndpointBody, EndpointResult } from '@textpulse/contracts';
import { z } from 'zod';
import {
  DeadlineExceededError,
  InvalidInputError,
  UpstreamFailedError,
} from '../common/problems/domain-errors.js';
import { APP_CONFIG, type AppConfig } from '../config.js';
import { resolveModel } from './providers/model-names.js';
import { MODEL_PROVIDERS, ModelFailure, type ModelProvider } from './providers/model-provider.js';
import { timeoutSignal } from './timeout-signal.js';

/**
 * The fallback chain: tries each model in order, each attempt bounded by its own timeout and all
 * of them by the request deadline, and answers with the first success and every attempt made.
 */
@Injectable()
export class PromptService {
  private readonly allowedModels: z.ZodType<string[]>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MODEL_PROVIDERS) private readonly providers: readonly ModelProvider[],
  ) {
    const allowed = config.allowedModels;
    this.allowedModels = z.array(
      z.string().refine((name) => allowed.includes(name), `Use one of ${allowed.join(', ')}`),
    );
  }

  /**
   * Tries the chain until a model answers, within the deadline; `clientGone` (the client closed
   * the connection) stops it at once, the model's work included.
   */
  async answer(
    request: EndpointBody<'prompt'>,
    clientGone: AbortSignal = new AbortController().signal,
  ): Promise<EndpointResult<'prompt'>> {
    const models = this.chainFor(request);
    const deadline = timeoutSignal(this.config.promptDeadlineMs);
    const stop = AbortSignal.any([deadline.signal, clientGone]);
    const attempts: Attempt[] = [];
    try {
      for (const model of models) {
        if (stop.aborted) break;
        const attempt = await this.attempt(model, request, stop);
        attempts.push(attempt.record);
        if (attempt.output !== undefined) return { model, output: attempt.output, attempts };
      }
    } finally {
      deadline.clear();
    }
    // Nobody is left to answer: what the handler returns is never sent.
    clientGone.throwIfAborted();
    if (deadline.signal.aborted) {
      throw new DeadlineExceededError(
        `No model answered within the ${this.config.promptDeadlineMs} ms deadline.`,
        { attempts },
      );
    }
    throw new UpstreamFailedError(`Every model in the chain failed: ${models.join(', ')}.`, {
      attempts,
    });
  }

  /** The requested chain, or the configured one; a model outside the allow-list is a 422 at its index. */
  private chainFor(request: EndpointBody<'prompt'>): string[] {
    if (!request.models) return this.config.models;
    const parsed = this.allowedModels.safeParse(request.models);
    if (parsed.success) return parsed.data;
    throw new InvalidInputError(
      new z.ZodError(
        parsed.error.issues.map((issue) => ({ ...issue, path: ['models', ...issue.path] })),
      ),
    );
  }

  /** One model's attempt under its own timeout and the deadline, recorded either way. */
  private async attempt(
    chainModel: string,
    request: EndpointBody<'prompt'>,
    deadline: AbortSignal,
  ): Promise<{ output?: string; record: Attempt }> {
    const timeout = timeoutSignal(this.config.modelTimeoutMs);
    const started = performance.now();
    const record = (error?: string): Attempt => ({
      model: chainModel,
      ok: error === undefined,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      ...(error === undefined ? {} : { error }),
    });
    try {
      const output = await this.complete(
        chainModel,
        request,
        AbortSignal.any([deadline, timeout.signal]),
      );
      return { output, record: record() };
    } catch (error) {
      const reason = deadline.aborted
        ? `Request deadline of ${this.config.promptDeadlineMs} ms exceeded`
        : timeout.signal.aborted
          ? `Timed out after ${this.config.modelTimeoutMs} ms`
          : error instanceof ModelFailure
            ? error.message
            : 'The model failed';
      return { record: record(reason) };
    } finally {
      timeout.clear();
    }
  }

  /** Asks the model's provider, settling as soon as `signal` aborts even if the provider does not. */
  private complete(
    chainModel: string,
    request: EndpointBody<'prompt'>,
    signal: AbortSignal,
  ): Promise<string> {
    const resolved = resolveModel(chainModel);
    const provider = this.providers.find((candidate) => candidate.name === resolved?.provider);
    if (!resolved || !provider) {
      return Promise.reject(new ModelFailure(`No provider serves "${chainModel}"`));
    }
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      provider
        .complete(
          {
            model: resolved.model,
            prompt: request.prompt,
            maxTokens: request.max_tokens,
            temperature: request.temperature,
          },
          signal,
        )
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}
