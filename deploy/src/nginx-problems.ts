import { readFileSync } from 'node:fs';
import { problem } from '@textpulse/contracts/problem';
import { nginxDir } from './nginx.js';

/**
 * nginx's own failures in front of the API replicas, each answered with the contract's problem
 * for it, as the API and the web tier answer theirs: 502 when no replica gave a whole answer (none
 * could be reached, or the one that had the request went away), 504 when none answered in time.
 */
export const EDGE_PROBLEMS = [
  problem('api-bad-answer', { detail: 'No replica of the TextPulse API gave a whole answer.' }),
  problem('api-timeout', { detail: 'No replica of the TextPulse API answered in time.' }),
] as const;

/**
 * nginx's own failures in front of the web app (compose.conf's server on port 3000): a route
 * handler's caller (under /api/) gets the problem+json, a browser asking for a page gets the same
 * problem as a small HTML page (its title and detail).
 */
export const WEB_EDGE_PROBLEMS = [
  problem('web-bad-answer', {
    detail: 'No instance of the TextPulse web app gave a whole answer.',
  }),
  problem('web-timeout', { detail: 'The TextPulse web app did not answer in time.' }),
] as const;

/** The files whose marked parts are written from EDGE_PROBLEMS and WEB_EDGE_PROBLEMS. */
export const API_PROXY_CONF = `${nginxDir}/api-proxy.conf`;
export const COMPOSE_CONF = `${nginxDir}/compose.conf`;

type EdgeProblem = (typeof EDGE_PROBLEMS)[number] | (typeof WEB_EDGE_PROBLEMS)[number];

const nameOf = ({ type }: EdgeProblem) => type.slice(type.lastIndexOf('/') + 1);

/** An nginx string literal for `text`, which must hold no quote nor variable. */
function quoted(text: string, what: string): string {
  if (/['$\\]/.test(text)) throw new Error(`${what}: its body cannot be quoted for nginx`);
  return `'${text}'`;
}

/** A named location that answers the problem as problem+json, with the request id. */
function problemLocation(edgeProblem: EdgeProblem): string[] {
  const name = nameOf(edgeProblem);
  return [
    `location @${name} {`,
    '    default_type application/problem+json;',
    '    add_header X-Request-Id $textpulse_request_id always;',
    `    return ${edgeProblem.status} ${quoted(JSON.stringify(edgeProblem), name)};`,
    '}',
  ];
}

/** A named location that answers the problem as an HTML page, with the request id. */
function pageLocation(edgeProblem: EdgeProblem): string[] {
  const name = nameOf(edgeProblem);
  const { title, detail } = edgeProblem;
  const page = [
    '<!doctype html><html lang="en"><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title} · TextPulse</title>`,
    `<h1>${title}</h1><p>${detail} Try again in a moment.</p></html>`,
  ].join('');
  return [
    `location @${name}-page {`,
    '    default_type text/html;',
    '    charset utf-8;',
    '    add_header X-Request-Id $textpulse_request_id always;',
    `    return ${edgeProblem.status} ${quoted(page, name)};`,
    '}',
  ];
}

/** The nginx directives that answer each of EDGE_PROBLEMS' statuses with its problem. */
export function renderProblemLocations(): string {
  return EDGE_PROBLEMS.flatMap((edgeProblem) => [
    `error_page ${edgeProblem.status} @${nameOf(edgeProblem)};`,
    ...problemLocation(edgeProblem),
  ]).join('\n');
}

/**
 * The web server's directives: its pages answer each of WEB_EDGE_PROBLEMS' statuses as a page
 * (server level), and its /api/ locations name the problem+json locations in their error_page.
 */
export function renderWebProblemLocations(): string {
  return WEB_EDGE_PROBLEMS.flatMap((edgeProblem) => [
    `error_page ${edgeProblem.status} @${nameOf(edgeProblem)}-page;`,
    ...pageLocation(edgeProblem),
    ...problemLocation(edgeProblem),
  ])
    .map((line) => `    ${line}`)
    .join('\n');
}

/** `conf` with the part between `# generated:<marker>:start` and `…:end` replaced by `text`. */
function withMarkedPart(conf: string, marker: string, text: string): string {
  const [start, end] = [`# generated:${marker}:start`, `# generated:${marker}:end`];
  const from = conf.indexOf(start);
  const to = conf.indexOf(end);
  if (from < 0 || to < from) throw new Error(`The nginx file lacks ${start} … ${end}`);
  const indent = /[ ]*$/.exec(conf.slice(0, to))?.[0] ?? '';
  return `${conf.slice(0, from + start.length)}\n${text}\n${indent}${conf.slice(to)}`;
}

/** api-proxy.conf with its marked part written from EDGE_PROBLEMS. */
export const withProblemLocations = (conf = readFileSync(API_PROXY_CONF, 'utf8')): string =>
  withMarkedPart(conf, 'problems', renderProblemLocations());

/** compose.conf with its web server's marked part written from WEB_EDGE_PROBLEMS. */
export const withWebProblemLocations = (conf = readFileSync(COMPOSE_CONF, 'utf8')): string =>
  withMarkedPart(conf, 'web-problems', renderWebProblemLocations());
