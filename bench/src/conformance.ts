import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ANALYZE_PATHS } from './fixtures.js';

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

const document = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@textpulse/contracts/openapi.json'), 'utf8'),
) as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...segments: string[]) =>
  segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Sends each benchmark body to `baseUrl` before it is loaded and throws unless every answer has
 * the expected status and, for a target that serves the contract, the content type and body that
 * openapi.json declares for it: the load then measures answers known to be right.
 */
export async function checkAnswers(name: string, baseUrl: string, servesContract: boolean) {
  const path = '/v1/analyze';
  for (const load of ANALYZE_PATHS) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: load.body,
    });
    const text = await response.text();
    const fail = (why: string) => {
      throw new Error(`${name}, ${load.name}: ${why}. Body: ${text.slice(0, 300)}`);
    };
    if (response.status !== load.expect) fail(`status ${response.status}, not ${load.expect}`);
    if (!servesContract) continue;
    const declared = document.paths[path]?.post?.responses[String(load.expect)] as
      | { content: Record<string, unknown> }
      | undefined;
    const [mediaType = ''] = Object.keys(declared?.content ?? {});
    const contentType = response.headers.get('content-type')?.split(';')[0];
    if (contentType !== mediaType) fail(`content type ${contentType}, not ${mediaType}`);
    const ref = `openapi.json#/${pointer('paths', path, 'post', 'responses', String(load.expect), 'content', mediaType, 'schema')}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    if (!validate(JSON.parse(text)))
      fail(`body breaks openapi.json: ${JSON.stringify(validate.errors)}`);
  }
}
