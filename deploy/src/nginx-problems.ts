import { readFileSync } from 'node:fs';
import { problem } from '@textpulse/contracts/problem';
import { nginxDir } from './nginx.js';

/**
 * nginx's own failures in front of the API replicas, each answered with the contract's problem
 * for it, as the API and the web tier answer theirs: 502 when no replica gave a whole answer (none
 * could be reached, or the one that had the request went away), 504 when none answered in time.
 */
export const EDGE_PROBLEMS = [
  {
    status: 502,
    body: problem('api-bad-answer', {
      detail: 'No replica of the TextPulse API gave a whole answer.',
    }),
  },
  {
    status: 504,
    body: problem('api-timeout', { detail: 'No replica of the TextPulse API answered in time.' }),
  },
] as const;

/** The file whose marked part is written from EDGE_PROBLEMS. */
export const API_PROXY_CONF = `${nginxDir}/api-proxy.conf`;
const START = '# generated:problems:start';
const END = '# generated:problems:end';

/** The nginx directives that answer each of EDGE_PROBLEMS' statuses with its problem. */
export function renderProblemLocations(): string {
  return EDGE_PROBLEMS.map(({ status, body }) => {
    const name = body.type.slice(body.type.lastIndexOf('/') + 1);
    const json = JSON.stringify(body);
    if (json.includes("'")) throw new Error(`${name}: its body cannot be quoted for nginx`);
    return [
      `error_page ${status} @${name};`,
      `location @${name} {`,
      '    default_type application/problem+json;',
      '    add_header X-Request-Id $textpulse_request_id always;',
      `    return ${status} '${json}';`,
      '}',
    ].join('\n');
  }).join('\n');
}

/** api-proxy.conf with its marked part written from EDGE_PROBLEMS. */
export function withProblemLocations(conf = readFileSync(API_PROXY_CONF, 'utf8')): string {
  const start = conf.indexOf(START);
  const end = conf.indexOf(END);
  if (start < 0 || end < start) throw new Error(`api-proxy.conf lacks ${START} … ${END}`);
  return `${conf.slice(0, start + START.length)}\n${renderProblemLocations()}\n${conf.slice(end)}`;
}
