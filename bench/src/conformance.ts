import { isDeepStrictEqual } from 'node:util';
import { declaredResponse, responseSchema, violations } from '@textpulse/document-check';
import { ANALYZE_PATHS, ANSWER_SAMPLE, type SampleRequest } from './fixtures.js';

export interface Answer {
  sample: string;
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Sends `sample` to POST `path` and throws unless the answer has the expected status and, for a
 * target that serves the contract, the content type and body that openapi.json declares for it.
 */
export async function checkAnswer(
  name: string,
  url: string,
  sample: SampleRequest,
  servesContract = true,
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...sample.headers, 'content-type': sample.contentType ?? 'application/json' },
    body: sample.body,
  });
  const text = await response.text();
  const fail = (why: string): never => {
    throw new Error(`${name}, ${sample.name}: ${why}. Body: ${text.slice(0, 300)}`);
  };
  if (response.status !== sample.expect) fail(`status ${response.status}, not ${sample.expect}`);
  const contentType = response.headers.get('content-type')?.split(';')[0] ?? '';
  const answer = { sample: sample.name, status: response.status, contentType, body: undefined };
  if (!servesContract) return answer;
  const path = new URL(url).pathname;
  const declared = declaredResponse('post', path, sample.expect);
  const [mediaType] = Object.keys(declared?.content ?? {});
  if (mediaType === undefined) fail(`openapi.json declares no body for ${sample.expect}`);
  if (contentType !== mediaType) fail(`content type ${contentType}, not ${mediaType}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail('the body is not JSON');
  }
  const broken = violations(body, responseSchema('post', path, sample.expect, contentType));
  if (broken.length > 0) fail(`body breaks openapi.json: ${broken.join('; ')}`);
  return { ...answer, body };
}

/**
 * Sends the sample requests of POST /v1/analyze to `baseUrl` before it is loaded and throws unless
 * every answer is right (checkAnswer): the load then measures answers known to be right. A target
 * that does not serve the contract (FastAPI) gets only the loads' bodies, checked by status.
 */
export async function checkAnswers(
  name: string,
  baseUrl: string,
  servesContract: boolean,
): Promise<Answer[]> {
  const samples: readonly SampleRequest[] = servesContract ? ANSWER_SAMPLE : ANALYZE_PATHS;
  const answers: Answer[] = [];
  for (const sample of samples) {
    answers.push(await checkAnswer(name, `${baseUrl}/v1/analyze`, sample, servesContract));
  }
  return answers;
}

/** Throws unless `floor` gave the same answers (status, content type, body) as `reference`. */
export function assertSameAnswers(
  reference: { name: string; answers: readonly Answer[] },
  floor: { name: string; answers: readonly Answer[] },
): void {
  reference.answers.forEach((expected, index) => {
    const actual = floor.answers[index];
    if (!isDeepStrictEqual(actual, expected)) {
      throw new Error(
        `${floor.name} answers ${expected.sample} otherwise than ${reference.name}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`,
      );
    }
  });
}
