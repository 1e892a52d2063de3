import {
  type AnyEndpoint,
  type EndpointName,
  EVENT_STREAM_MEDIA_TYPE,
  endpoints,
  type PromptResponse,
  type PromptStreamEvent,
} from '@textpulse/contracts';
import fc from 'fast-check';
import { successBody } from '../index.js';

/** The example a schema declares (its `.meta({ example })`), when it declares one. */
const declaredExample = (endpoint: AnyEndpoint): unknown =>
  endpoint.success.schema?.meta()?.example;

/**
 * The events of a stream that answers as /v1/prompt's example does: its model's attempt, its
 * answer word by word, then done with the same attempts.
 */
function exampleStream(): PromptStreamEvent[] {
  const answer = declaredExample(endpoints.prompt) as PromptResponse;
  const words = answer.output.match(/\S+\s*/g) ?? [];
  return [
    { type: 'attempt', model: answer.model },
    ...words.map((text) => ({ type: 'token' as const, text })),
    { type: 'done', model: answer.model, attempts: answer.attempts },
  ];
}

/**
 * What an operation answers unless told otherwise: the example its success schema declares (for
 * the stream, the events of /v1/prompt's example), else one answer its schema allows, the same
 * every time; nothing for an operation without a body (202, 204).
 */
export function defaultAnswer(name: EndpointName): unknown {
  const endpoint: AnyEndpoint = endpoints[name];
  if (!endpoint.success.schema) return undefined;
  if (endpoint.success.mediaType === EVENT_STREAM_MEDIA_TYPE) return exampleStream();
  const example = declaredExample(endpoint);
  if (example !== undefined && endpoint.success.schema.safeParse(example).success) return example;
  const [sampled] = fc.sample(successBody(endpoint), { numRuns: 1, seed: 42 });
  return sampled;
}
