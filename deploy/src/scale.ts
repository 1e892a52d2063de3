import { installMissingServers } from './debian.js';
import { proveFailover, proveSharedData, proveSharedRateLimit } from './proofs.js';
import { ScaleStack } from './stack.js';

/** A positive integer from the environment, or `fallback`. */
function setting(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    console.error(`${name} must be a positive integer, not "${value}"`);
    process.exit(2);
  }
  return number;
}

// `pnpm scale`: the stack of compose.yaml on this machine, without Docker, and three proofs.
const rateLimitMax = setting('SCALE_RATE_LIMIT', 20);
const writes = setting('SCALE_WRITES', 400);
const clients = setting('SCALE_CLIENTS', 8);

const installed = installMissingServers();
if (installed.length > 0) console.log(`Installed Debian's ${installed.join(', ')}.`);

const started = Date.now();
const stack = await ScaleStack.start({ rateLimitMax });
console.log(
  `PostgreSQL, Redis, ${stack.replicas.length} API replicas and nginx (${stack.url}) up in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
let holds = true;
try {
  for (const prove of [
    () => proveSharedRateLimit(stack, rateLimitMax),
    () => proveSharedData(stack),
    () => proveFailover(stack, { writes, clients, rateLimitMax }),
  ]) {
    const proof = await prove();
    holds &&= proof.holds;
    console.log(`\n${proof.holds ? 'PASS' : 'FAIL'}  ${proof.name}`);
    for (const fact of proof.facts) console.log(`      ${fact}`);
  }
  const memory = stack
    .memory()
    .map(({ replica, rssMiB }) => `${replica.name} ${rssMiB.toFixed(0)} MiB`);
  console.log(`\nResident memory after the load: ${memory.join(', ')}`);
} finally {
  await stack.stop();
}
console.log(
  `\nEverything started was stopped and deleted. ${holds ? 'All proofs hold.' : 'A proof failed.'}`,
);
process.exitCode = holds ? 0 : 1;
