import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  argsOf,
  assignments,
  execForm,
  finalStage,
  parseDockerfile,
  type Stage,
} from './dockerfile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const readJson = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`${root}${path}`, 'utf8'));
const scripts = (app: string) =>
  readJson(`apps/${app}/package.json`).scripts as Record<string, string>;

const images = [
  { app: 'api', listenOn: 'HOST', healthPath: '/v1/health', writable: '.data' },
  { app: 'web', listenOn: 'HOSTNAME', healthPath: '/', writable: 'apps/web/.next/cache' },
];

/** COPY instructions as source and destination (the source from another stage when --from). */
const copies = (stage: Stage) =>
  argsOf(stage, 'COPY').map((args) => {
    const words = args.split(' ');
    const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
    const [source = '', destination = ''] = words.filter((word) => !word.startsWith('--'));
    return { from, source, destination };
  });

describe.each(images)('apps/$app/Dockerfile', ({ app, listenOn, healthPath, writable }) => {
  const path = `${root}apps/${app}/Dockerfile`;
  const stages = parseDockerfile(path);
  const runtime = finalStage(path);
  const env = assignments(runtime, 'ENV');

  it('lints clean with dockerfile-utils (no error, no warning)', () => {
    const bin = createRequire(import.meta.url).resolve('dockerfile-utils/bin/dockerfile-utils');
    const lint = spawnSync(process.execPath, [bin, 'lint', '--json', path], { encoding: 'utf8' });
    expect(JSON.parse(lint.stdout)).toEqual([]);
    expect(lint.status).toBe(0);
  });

  it('runs on the Node of .nvmrc, in production mode, as a user other than root', () => {
    const node = readFileSync(`${root}.nvmrc`, 'utf8').trim();
    expect(runtime.from).toBe(`node:${node}-bookworm-slim`);
    expect(env.get('NODE_ENV')).toBe('production');
    expect(argsOf(runtime, 'USER').at(-1)).toMatch(/^(?!root$|0$)\S+$/);
  });

  it(`keeps its code root's: its user may write only ${writable}`, () => {
    expect(argsOf(runtime, 'COPY').filter((args) => args.includes('--chown'))).toEqual([]);
    const owned = argsOf(runtime, 'RUN')
      .flatMap((run) => run.split('&&'))
      .filter((command) => /\bchown\b/.test(command))
      .map((command) => command.trim());
    expect(owned).toEqual([`chown node:node ${writable}`]);
    expect(argsOf(runtime, 'USER').at(-1)).toBe('node');
  });

  it('listens on every interface on the port it exposes, where its HEALTHCHECK asks', () => {
    expect(env.get(listenOn)).toBe('0.0.0.0');
    expect(argsOf(runtime, 'EXPOSE')).toEqual([env.get('PORT')]);
    const [healthcheck, ...more] = argsOf(runtime, 'HEALTHCHECK');
    expect(more).toEqual([]);
    const [program, flag, script] = execForm(healthcheck ?? '');
    expect([program, flag]).toEqual(['node', '-e']);
    expect(script).toContain(`process.env.PORT + '${healthPath}'`);
  });

  it('builds with the pnpm and turbo versions the repository pins', () => {
    const args = assignments(stages[0] ?? runtime, 'ARG');
    expect(`pnpm@${args.get('PNPM_VERSION')}`).toBe(readJson('package.json').packageManager);
    const catalog = parse(readFileSync(`${root}pnpm-workspace.yaml`, 'utf8')).catalog;
    expect(args.get('TURBO_VERSION')).toBe(catalog.turbo);
  });
});

describe('the API image', () => {
  const stages = parseDockerfile(`${root}apps/api/Dockerfile`);
  const runtime = finalStage(`${root}apps/api/Dockerfile`);

  it('takes its node_modules from `pnpm deploy --prod`, so no dev dependency is in it', () => {
    const deploy = stages
      .flatMap((stage) => argsOf(stage, 'RUN').map((run) => ({ stage, words: run.split(' ') })))
      .find(({ words }) => words.includes('deploy') && words.includes('--prod'));
    const target = deploy?.words.at(-1);
    expect(target).toMatch(/^\//);
    const modules = copies(runtime).filter(({ source }) => source.includes('node_modules'));
    expect(modules).toEqual([
      { from: deploy?.stage.name, source: `${target}/node_modules`, destination: './node_modules' },
    ]);
  });

  it('holds what the server reads at run time beside dist/, and starts as `pnpm start` would', () => {
    const destinations = copies(runtime).map(({ destination }) => destination);
    // dist/storage/database.js reads ../../drizzle; dist/version.js reads ../package.json.
    expect(destinations).toEqual(
      expect.arrayContaining(['./dist', './drizzle', './', './node_modules']),
    );
    expect(copies(runtime).find(({ destination }) => destination === './')?.source).toMatch(
      /\/package\.json$/,
    );
    expect(execForm(argsOf(runtime, 'CMD')[0] ?? '')).toEqual(scripts('api').start?.split(' '));
  });

  it('gives its health check more than twice the default database timeout', () => {
    const timeout = argsOf(runtime, 'HEALTHCHECK')[0]?.match(/--timeout=(\d+)s/)?.[1];
    const example = readFileSync(`${root}apps/api/.env.example`, 'utf8');
    const databaseMs = example.match(/^#?\s*DATABASE_TIMEOUT_MS=(\d+)$/m)?.[1];
    expect(databaseMs).toBeDefined();
    expect(Number(timeout) * 1000).toBeGreaterThan(2 * Number(databaseMs));
  });
});

describe('the web image', () => {
  const runtime = finalStage(`${root}apps/web/Dockerfile`);

  it('holds the standalone server only, with the static files the build script copies into it', () => {
    expect(copies(runtime)).toEqual([
      { from: 'build', source: '/repo/apps/web/.next/standalone', destination: './' },
    ]);
    expect(scripts('web').build).toMatch(
      /cp -r \.next\/static \.next\/standalone\/apps\/web\/\.next\//,
    );
    expect(execForm(argsOf(runtime, 'CMD')[0] ?? '')).toEqual(['node', 'apps/web/server.js']);
  });
});

describe('.dockerignore', () => {
  it('leaves out of the build context, at any depth, what git ignores at any depth', () => {
    const lines = (file: string) =>
      readFileSync(`${root}${file}`, 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#'));
    // A git pattern without an inner slash matches at any depth; Docker's, only with **/.
    const anywhere = lines('.gitignore')
      .map((line) => line.replace(/\/$/, ''))
      .filter((line) => !line.includes('/'))
      .map((line) => line.replace(/^(!?)/, '$1**/'));
    expect(anywhere.length).toBeGreaterThan(5);
    expect(lines('.dockerignore')).toEqual(expect.arrayContaining(anywhere));
  });
});
