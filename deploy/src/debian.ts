import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { PostgresMissingError, postgresBin } from '@textpulse/postgres';
import { RedisMissingError, redisServerBin } from '@textpulse/redis';

/** Whether `find` finds its program, rather than throwing that it is missing. */
const found = (find: () => string, Missing: new () => Error) => () => {
  try {
    find();
    return true;
  } catch (error) {
    if (error instanceof Missing) return false;
    throw error;
  }
};

/** The Debian packages of the servers `pnpm scale` runs, each with how to tell it is installed. */
const SERVER_PACKAGES = [
  { name: 'postgresql', installed: found(postgresBin, PostgresMissingError) },
  { name: 'redis-server', installed: found(redisServerBin, RedisMissingError) },
  { name: 'nginx', installed: () => existsSync(NGINX) },
];

/** Where Debian's nginx package puts the server. */
export const NGINX = '/usr/sbin/nginx';

/**
 * Installs, with apt-get (through sudo unless root), the server packages that are missing;
 * returns their names.
 */
export function installMissingServers(): string[] {
  const missing = SERVER_PACKAGES.filter((pkg) => !pkg.installed()).map((pkg) => pkg.name);
  if (missing.length === 0) return missing;
  const asRoot = (args: string[]) =>
    userInfo().uid === 0
      ? execFileSync(args[0] ?? '', args.slice(1), { stdio: 'inherit' })
      : execFileSync('sudo', args, { stdio: 'inherit' });
  asRoot(['apt-get', 'update', '-qq']);
  asRoot(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', ...missing]);
  return missing;
}
