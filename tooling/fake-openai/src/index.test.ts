import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeOpenAI } from './index.js';

describe('FakeOpenAI', () => {
  const fake = new FakeOpenAI({ dripMs: 10 });
  const ask = (model: string, signal?: AbortSignal) =>
    fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream: true, messages: [{ content: 'one two three four' }] }),
      ...(signal ? { signal } : {}),
    });
  const log = async () => {
    const response = await fetch(new URL('/_fake/log', fake.baseURL));
    return (await response.json()) as { models: string[]; abandoned: string[] };
  };

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('drips the answer a word per chunk, then the usage and [DONE]', async () => {
    const text = await (await ask('drip')).text();
    const data = text.split('\n\n').filter(Boolean);
    expect(data.at(-1)).toBe('data: [DONE]');
    const words = data
      .slice(0, -1)
      .map((line) => JSON.parse(line.slice('data: '.length)))
      .map((chunk) => chunk.choices[0]?.delta?.content ?? '')
      .join('');
    expect(words).toBe('echo: one two three four');
  });

  it('tells another process, over GET /_fake/log, which streams their client abandoned', async () => {
    const controller = new AbortController();
    const response = await ask('drip', controller.signal);
    await response.body?.getReader().read();
    controller.abort();
    await expect
      .poll(log, { timeout: 10_000 })
      .toEqual({ models: ['drip', 'drip'], abandoned: ['drip'] });
  });

  it.each([
    ['no body', undefined],
    ['a body that is not JSON', 'model=ok'],
    ['JSON without a model', '{"messages": []}'],
  ])('answers 400 to a request with %s, and goes on serving', async (_case, body) => {
    const response = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: 'Send a JSON body with a model and messages.' },
    });
    expect((await ask('ok')).status).toBe(200);
  });
});
