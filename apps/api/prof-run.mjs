import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createApp } from './dist/app.js';
import { loadConfig } from './dist/config.js';

const app = await createApp(loadConfig({ LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000000' }));
await app.listen({ port: 3555, host: '127.0.0.1' });
const session = new Session();
session.connect();
await session.post('Profiler.enable');
setTimeout(async () => {
  await session.post('Profiler.start');
}, 4000);
setTimeout(async () => {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/prof/run.cpuprofile', JSON.stringify(profile));
  process.exit(0);
}, 10000);
