import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where compose.yaml mounts deploy/nginx in the nginx container. */
export const NGINX_INCLUDES = '/etc/nginx/textpulse';

/** deploy/nginx on this machine. */
export const nginxDir = fileURLToPath(new URL('../nginx', import.meta.url));

/**
 * compose.conf as nginx reads it in the container: with the files it includes from
 * NGINX_INCLUDES (deploy/nginx) written out in their place, and without comments.
 */
export function composeNginxConfig(): string {
  const read = (name: string) => readFileSync(`${nginxDir}/${name}`, 'utf8').replace(/#.*$/gm, '');
  return read('compose.conf').replace(
    new RegExp(`^\\s*include ${NGINX_INCLUDES}/([\\w.-]+);`, 'gm'),
    (_include, name: string) => read(name),
  );
}
