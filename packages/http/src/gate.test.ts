import {
  BODY_LIMIT_BYTES,
  BODY_TOO_LARGE_DETAIL,
  duplicateKeyDetail,
  endpoints,
  INCOMPLETE_BODY_DETAIL,
  INVALID_UTF8_DETAIL,
  MALFORMED_JSON_DETAIL,
  problemType,
  unsupportedCharsetDetail,
  unsupportedMediaTypeDetail,
} from '@textpulse/contracts';
import { describe, expect, it } from 'vitest';
import { type Admission, admitHead, admitInputs, admitRequest, type RawRequest } from './gate.js';

const { analyze, listAnalyses, getAnalysis } = endpoints;
const bytes = (text: string) => new TextEncoder().encode(text);
const json = (text: string, contentType = 'application/json'): RawRequest => ({
  contentType,
  body: bytes(text),
});

/** The problem of an admission that must have failed. */
function refusal(admission: Admission) {
  if (admission.ok) throw new Error('admitted');
  return admission.problem;
}

describe('admitRequest', () => {
  it('admits a JSON body that passes the schema, defaults applied', () => {
    const admission = admitRequest(analyze, json('{"text":"Good news."}'));
    expect(admission).toEqual({
      ok: true,
      inputs: {
        params: undefined,
        query: undefined,
        body: expect.objectContaining({ text: 'Good news.' }),
      },
    });
  });

  it.each([
    ['application/json; charset=utf-8'],
    ['Application/JSON; Charset="UTF-8"'],
    ['application/json;boundary=x'],
  ])('reads %s as JSON', (contentType) => {
    expect(admitRequest(analyze, json('{"text":"Good news, all."}', contentType)).ok).toBe(true);
  });

  it.each([
    ['text/plain', unsupportedMediaTypeDetail('text/plain')],
    ['application/jsonx', unsupportedMediaTypeDetail('application/jsonx')],
    ['application/json; charset=latin1', unsupportedCharsetDetail('latin1')],
    ['application/json; charset=utf-16', unsupportedCharsetDetail('utf-16')],
  ])('refuses %s with a 415', (contentType, detail) => {
    expect(refusal(admitRequest(analyze, json('{"text":"hi"}', contentType)))).toMatchObject({
      status: 415,
      type: problemType('unsupported-media-type'),
      detail,
    });
  });

  it('refuses a body without Content-Type with a 415, before its length', () => {
    const problem = refusal(admitRequest(analyze, { body: 'too-large' }, '/v1/analyze'));
    expect(problem).toMatchObject({
      status: 415,
      detail: unsupportedMediaTypeDetail(undefined),
      instance: '/v1/analyze',
    });
  });

  it('answers 413 for a body announced or read over the limit, 400 for one cut short', () => {
    const over = { contentType: 'application/json', contentLength: String(BODY_LIMIT_BYTES + 1) };
    expect(admitHead(analyze, over)).toEqual({
      type: problemType('content-too-large'),
      title: 'Content Too Large',
      status: 413,
      detail: BODY_TOO_LARGE_DETAIL,
    });
    expect(admitHead(analyze, { ...over, contentLength: BODY_LIMIT_BYTES })).toBeUndefined();
    const read = { contentType: 'application/json' };
    expect(refusal(admitRequest(analyze, { ...read, body: 'too-large' }))).toMatchObject({
      status: 413,
      type: problemType('content-too-large'),
      detail: BODY_TOO_LARGE_DETAIL,
    });
    expect(refusal(admitRequest(analyze, { ...read, body: 'incomplete' }))).toMatchObject({
      status: 400,
      detail: INCOMPLETE_BODY_DETAIL,
    });
  });

  it.each([
    ['invalid UTF-8', Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x7d), INVALID_UTF8_DETAIL],
    ['an empty body', undefined, MALFORMED_JSON_DETAIL],
    ['a repeated key', bytes('{"text":"a","text":"b"}'), duplicateKeyDetail('/text')],
  ])('refuses %s with a 400', (_name, body, detail) => {
    // toStrictEqual: without an instance, the problem carries no `instance` member at all.
    expect(refusal(admitRequest(analyze, { contentType: 'application/json', body }))).toStrictEqual(
      {
        type: problemType('malformed-request'),
        title: 'Bad Request',
        status: 400,
        detail,
      },
    );
  });

  it('judges the schemas last, every violation at once, each pointer once', () => {
    const problem = refusal(admitRequest(analyze, json('{"text":"","extra":1}'), '/v1/analyze'));
    expect(problem).toMatchObject({ status: 422, instance: '/v1/analyze' });
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['/extra', '/text']);
  });

  it('ignores the body of an operation that takes none', () => {
    const admission = admitRequest(getAnalysis, {
      contentType: 'text/plain',
      body: bytes('\xff'),
      params: { id: '0b6b6ea4-6c0a-4f3e-9a57-3c1bd0bfb9a1' },
    });
    expect(admission.ok).toBe(true);
  });
});

describe('query integers', () => {
  it('accept decimal digits only', () => {
    expect(admitInputs(listAnalyses, { query: { limit: '7' } })).toMatchObject({
      ok: true,
      inputs: { query: { limit: 7 } },
    });
    for (const limit of ['1e1', '0x10', ' 7', '7 ', '+7', '7.0', '']) {
      const problem = refusal(admitInputs(listAnalyses, { query: { limit } }));
      expect(problem.errors, limit).toEqual([expect.objectContaining({ path: '/query/limit' })]);
    }
  });

  it('report a huge number once', () => {
    const problem = refusal(admitInputs(listAnalyses, { query: { limit: '9'.repeat(400) } }));
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/query/limit' })]);
  });
});

describe('admitHead', () => {
  it('lets any Content-Type through for an operation that takes no body', () => {
    expect(admitHead(getAnalysis, { contentType: 'text/plain' })).toBeUndefined();
  });

  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON;charset=UTF-8', true],
    ['application/json ; charset=utf-8', true],
    ['application/jsonp', false],
    ['application/json-patch+json', false],
    ['text/application/json', false],
    ['text/plain', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('reads %s as JSON: %s', (contentType, json) => {
    expect(admitHead(analyze, { contentType }) === undefined).toBe(json);
  });
});
