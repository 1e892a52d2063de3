import { Inject, Injectable } from '@nestjs/common';
import {
  type Attempt,
  type EndpointBody,
  type EndpointResult,
  problem,
  problemFromZodError,
} from '@textpulse/contracts';
import { z } from 'zod';
import { ProblemException } from '../common/problems/problem.exception.js';
import { APP_CONFIG, type AppConfig, ChainModel } from '../config.js';
import { MODEL_PROVIDERS, ModelFailure, type ModelProvider } from './providers/model-provider.js';
import { timeoutSignal } from './timeout-signal.js';

const RequestedModels = z.array(ChainModel);

/**
 * The fallback chain: tries each model in order, each attempt bounded by its own timeout and all
 * of them by the request deadline, and answers with the first success and every attempt made.
 */
@Injectable()
export class PromptService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MODEL_PROVIDERS) private readonly providers: readonly ModelProvider[],
  ) {}

  async answer(
    request: EndpointBody<'prompt'>,
    instance: string,
  ): Promise<EndpointResult<'prompt'>> {
    const models = this.chainFor(request, instance);
    const deadline = timeoutSignal(this.config.promptDeadlineMs);
    const attempts: Attempt[] = [];
    try {
      for (const chainModel of models) {
        if (deadline.signal.aborted) break;
        const attemptTimeout = timeoutSignal(this.config.modelTimeoutMs);
        const signal = AbortSignal.any([deadline.signal, attemptTimeout.signal]);
        const started = performance.now();
        try {
          const output = await this.attempt(chainModel, request, signal);
          attempts.push({ model: chainModel, ok: true, duration_ms: elapsed(started) });
          return { model: chainModel, output, attempts };
        } catch (error) {
          const reason = deadline.signal.aborted
            ? `Request deadline of ${this.config.promptDeadlineMs} ms exceeded`
            : attemptTimeout.signal.aborted
              ? `Timed out after ${this.config.modelTimeoutMs} ms`
              : error instanceof ModelFailure
                ? error.message
                : 'The model failed';
          attempts.push({
            model: chainModel,
            ok: false,
            duration_ms: elapsed(started),
            error: reason,
          });
        } finally {
          attemptTimeout.clear();
        }
      }
    } finally {
      deadline.clear();
    }

    if (deadline.signal.aborted) {
      throw new ProblemException(
        problem(504, {
          detail: `No model answered within the ${this.config.promptDeadlineMs} ms deadline.`,
          instance,
          attempts,
        }),
      );
    }
    throw new ProblemException(
      problem(502, {
        detail: `Every model in the chain failed: ${models.join(', ')}.`,
        instance,
        attempts,
      }),
    );
  }

  /** The requested chain, or the configured one; a name no provider serves is a 422 at its index. */
  private chainFor(request: EndpointBody<'prompt'>, instance: string): string[] {
    if (!request.models) return this.config.models;
    const parsed = RequestedModels.safeParse(request.models);
    if (!parsed.success) {
      throw new ProblemException(
        problemFromZodError(prefixPath(parsed.error, 'models'), { instance }),
      );
    }
    return parsed.data;
  }

  /** One model's attempt, which settles as soon as `signal` aborts even if the provider does not. */
  private attempt(
    chainModel: string,
    request: EndpointBody<'prompt'>,
    signal: AbortSignal,
  ): Promise<string> {
    for (const provider of this.providers) {
      const model = provider.resolve(chainModel);
      if (model === undefined) continue;
      return new Promise<string>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        provider
          .complete(
            {
              model,
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
    return Promise.reject(new ModelFailure(`No provider serves "${chainModel}"`));
  }
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;

function prefixPath(error: z.ZodError, key: string): z.ZodError {
  return new z.ZodError(error.issues.map((issue) => ({ ...issue, path: [key, ...issue.path] })));
}
