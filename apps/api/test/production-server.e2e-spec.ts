import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeOpenAI } from '@textpulse/fake-openai';
import { refusedPort } from '@textpulse/ports';
import { builtApi, type RunningServer, signUpCaller, startServer } from '@textpulse/processes';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Starts the built server (`pnpm start`) on a loopback port it binds itself. */
const startApi = (env: Record<string, string>) =>
  startServer(builtApi({ env: { LOG_LEVEL: 'info', DATA_DIR: 'memory', ...env } }));

/** A request on a connection of its own, never a pooled one. */
function freshConnectionGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe.each(['SIGTERM', 'SIGINT'] as const)(
  'graceful shutdown of the production server on %s',
  (stop) => {
    const fake = new FakeOpenAI();
    let server: RunningServer;

    beforeAll(async () => {
      await fake.start();
      server = await startApi({ TEXTPULSE_MODELS: 'openai:held', OPENAI_BASE_URL: fake.baseURL });
    });
    afterAll(async () => {
      server.child.kill('SIGKILL');
      await fake.stop();
    });

    it('finishes in-flight requests, refuses new ones, and exits', async () => {
      const caller = (await signUpCaller(server.url)).headers;
      const arrived = fake.received('held');
      const inFlight = fetch(`${server.url}/v1/prompt`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...caller },
        body: JSON.stringify({ prompt: 'Take your time with this one.' }),
      });
      await arrived;
      const exited = once(server.child, 'exit');
      server.child.kill(stop);

      await vi.waitFor(
        () =>
          expect(freshConnectionGet(`${server.url}/v1/health`)).rejects.toMatchObject({
            code: 'ECONNREFUSED',
          }),
        { timeout: 10_000, interval: 50 },
      );
      fake.release();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.headers.get('connection')).toBe('close');
      expect(await response.json()).toMatchObject({ model: 'openai:held' });
      const [code, signal] = await exited;
      expect(code === 0 || signal === stop).toBe(true);
    });
  },
);

/** Runs the built server until it exits (as a failed start-up does): its exit code and stderr. */
async function runUntilExit(
  env: NodeJS.ProcessEnv,
  cwd?: string,
  script = main,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('start-up of the production server', () => {
  it('stops with a message naming each bad variable', async () => {
    const { code, stderr } = await runUntilExit({
      ...process.env,
      PORT: 'eighty',
      TEXTPULSE_MODELS: 'gpt-4',
      LOG_LEVEL: 'info',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid environment:');
    expect(stderr).toMatch(/^ {2}PORT: /m);
    expect(stderr).toMatch(/^ {2}TEXTPULSE_MODELS\.0: Use "local" or "openai:<model>"$/m);
    expect(stderr).not.toContain('    at ');
  });

  it('stops with a message naming a bad OpenTelemetry variable', async () => {
    const { code, stderr } = await runUntilExit({
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'udp',
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Invalid environment:\n {2}OTEL_EXPORTER_OTLP_PROTOCOL: Use http\/protobuf, http\/json or grpc$/m,
    );
    expect(stderr).not.toContain('    at ');
  });

  it('reads a .env file in its working directory, the environment winning over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'textpulse-env-'));
    writeFileSync(join(dir, '.env'), 'PORT=eighty\nTEXTPULSE_MODELS=local\n');
    try {
      const { PORT: _port, ...environment } = process.env;
      const { code, stderr } = await runUntilExit(
        { ...environment, TEXTPULSE_MODELS: 'gpt-4', LOG_LEVEL: 'info' },
        dir,
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/^ {2}PORT: /m);
      expect(stderr).toMatch(/^ {2}TEXTPULSE_MODELS\.0: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the migration script (`pnpm db:migrate`) read the same .env file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'textpulse-env-'));
    writeFileSync(join(dir, '.env'), 'DATABASE_URL=not-a-database\n');
    try {
      const { DATABASE_URL: _url, ...environment } = process.env;
      const migrate = fileURLToPath(new URL('../dist/storage/migrate.js', import.meta.url));
      const { code, stderr } = await runUntilExit(environment, dir, migrate);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^ {2}DATABASE_URL: /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with one line naming the database it cannot open, without its password', async () => {
    const port = await refusedPort();
    const { code, stderr } = await runUntilExit({
      ...process.env,
      DATABASE_URL: `postgres://textpulse:s3cret-pw@127.0.0.1:${port}/textpulse`,
      DATABASE_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'warn',
    });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(
      new RegExp(
        `^Cannot open the database \\(PostgreSQL at 127\\.0\\.0\\.1:${port}/textpulse\\): .*ECONNREFUSED`,
      ),
    );
    expect(stderr).not.toContain('s3cret-pw');
    expect(stderr).not.toContain('    at ');
  });
});

describe("the production server's log", () => {
  const requestLines = (output: string) =>
    output.split('\n').filter((line) => line.includes('log-format-1'));

  it.each([
    ['JSON lines by default', {}],
    [
      'one readable line per event with LOG_FORMAT=pretty, as `pnpm dev` sets',
      { LOG_FORMAT: 'pretty' },
    ],
  ])('writes %s', async (_name, env: Record<string, string>) => {
    const server = await startApi(env);
    try {
      await fetch(`${server.url}/v1/health`, { headers: { 'x-request-id': 'log-format-1' } });
      // The lines cross a pipe, and with LOG_FORMAT=pretty a worker thread first: vi.waitFor's
      // default of 1 s is no hang guard on a loaded machine.
      await vi.waitFor(() => expect(requestLines(server.output())).toHaveLength(1), {
        timeout: 10_000,
        interval: 20,
      });
      const [line] = requestLines(server.output());
      if (env.LOG_FORMAT === 'pretty') {
        expect(line).toMatch(
          /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[log-format-1\] request completed GET \/v1\/health → 200 in [\d.]+ ms$/,
        );
      } else {
        expect(JSON.parse(line ?? '')).toMatchObject({
          request_id: 'log-format-1',
          msg: 'request completed',
          method: 'GET',
          route: '/v1/health',
          status: 200,
          duration_ms: expect.any(Number),
        });
      }
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});

describe('the embedded database in DATA_DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'textpulse-data-'));
  const onDisk = { DATA_DIR: dir, LOG_LEVEL: 'warn' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let caller: { authorization: string } | undefined;
  const store = async (url: string, text: string) => {
    caller ??= (await signUpCaller(url)).headers;
    const response = await fetch(`${url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller },
      body: JSON.stringify({ text }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const status = async (url: string, id: string) =>
    (await fetch(`${url}/v1/analyses/${id}`, { headers: caller })).status;

  it('serves one process: a second stops naming the directory and its holder, nothing is lost', async () => {
    const first = await startApi(onDisk);
    try {
      const before = await store(first.url, 'Written before the second process tried.');
      // A second process that starts anyway is stopped at once, and the test fails.
      const second = await startApi(onDisk).then(
        async (server) => {
          await server.stop();
          return 'it started';
        },
        (error: Error) => error.message,
      );
      expect(second).toMatch(/^The API exited \(1\) before it answered/);
      expect(second).toContain(
        `\nCannot open the database (PGlite in ${dir}): ${dir} is in use by process ${first.pid} on ${hostname()}, since `,
      );
      expect(second).toContain(
        ': the embedded database serves one process. Stop that one, give this one another DATA_DIR, or use PostgreSQL (DATABASE_URL).',
      );
      // The first goes on reading and writing.
      expect(await status(first.url, before)).toBe(200);
      const after = await store(first.url, 'Written after the second process gave up.');

      // A holder killed without releasing its lock: the next process takes the directory over.
      first.child.kill('SIGKILL');
      await first.exited;
      const next = await startApi(onDisk);
      try {
        expect(await status(next.url, before)).toBe(200);
        expect(await status(next.url, after)).toBe(200);
      } finally {
        await next.stop();
      }
    } finally {
      await first.stop();
    }
  });
});
