/**
 * Runs a command — the web's dev server for `pnpm dev:mock` — with API_URL at the contract mocks
 * (@textpulse/contracts-testing/mocks) on a loopback port: every operation answers as the
 * contract says, with no API and no database. Signing in works with any password and makes the
 * contract's example person the caller. Stops the mocks when the command exits; passes SIGINT and
 * SIGTERM on to it.
 */
import { spawn } from 'node:child_process';
import { Account } from '@textpulse/contracts';
import { serveContractMocks } from '@textpulse/contracts-testing/mocks';

const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  console.error('Usage: tsx scripts/with-mocks.ts <command> [argument…]');
  process.exit(2);
}

const person = Account.parse(Account.meta()?.example);
const mocks = await serveContractMocks({ signedIn: person });
console.log(
  `Contract mocks of the TextPulse API at ${mocks.url}; signing in makes you ${person.name}.`,
);

const child = spawn(command, args, {
  stdio: 'inherit',
  env: { ...process.env, API_URL: mocks.url },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  void mocks.close().then(() => process.exit(code ?? (signal === null ? 0 : 1)));
});
