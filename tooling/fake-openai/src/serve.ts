#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { FakeOpenAI } from './index.js';

/** Runs the fake on a loopback port until SIGTERM or SIGINT: `fake-openai --port 3102 --drip-ms 100`. */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'drip-ms': { type: 'string', default: '100' },
  },
});
const fake = await new FakeOpenAI({ dripMs: Number(values['drip-ms']) }).start(Number(values.port));
console.log(
  `Fake OpenAI-compatible server listening on ${new URL(fake.baseURL).origin} (base URL ${fake.baseURL})`,
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void fake.stop().then(() => process.exit(0)));
}
