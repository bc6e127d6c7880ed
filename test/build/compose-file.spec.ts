import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '@leadger/config';

// There is no Docker engine here to run docker/compose.yml; this checks that it parses and wires the
// production shapes the README describes: in each variant (a profile), the API and two workers on the
// variant's event store and Redis, each service with a health check, and metrics on a port of their own in
// every Leadger process.

interface Service {
  readonly image?: string;
  readonly profiles?: readonly string[];
  readonly build?: { readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly deploy?: { readonly replicas?: number };
  readonly volumes?: readonly string[];
  readonly expose?: readonly string[];
  readonly healthcheck?: { readonly test?: readonly string[]; readonly disable?: boolean };
}

const scripts = (
  JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
    readonly scripts: Readonly<Record<string, string>>;
  }
).scripts;

const compose = load(readFileSync(join(__dirname, '../../docker/compose.yml'), 'utf8')) as {
  readonly services: Readonly<Record<string, Service>>;
};

/** Each variant: its profile, its event store's service, and its API and worker services. */
const variants = [
  { profile: 'eventstoredb', store: 'eventstore', api: 'app', worker: 'worker' },
  { profile: 'postgres', store: 'postgres', api: 'app-postgres', worker: 'worker-postgres' },
] as const;
const leadgerServices = variants.flatMap((variant) => [variant.api, variant.worker]);

describe('docker/compose.yml', () => {
  const { services } = compose;

  it('runs Redis always, and EventStoreDB or PostgreSQL with the API and the workers by profile', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['redis', ...variants.flatMap((variant) => [variant.store, variant.api, variant.worker])].sort(),
    );
    expect(services.redis.profiles).toBeUndefined();
    expect(services.redis.image).toMatch(/^redis:/);
    expect(services.eventstore.image).toMatch(/^eventstore\/eventstore:/);
    expect(services.postgres.image).toMatch(/^postgres:/);
    for (const variant of variants)
      for (const name of [variant.store, variant.api, variant.worker])
        expect(services[name].profiles).toEqual([variant.profile]);
  });

  it.each(variants)(
    'points the $profile variant at its store and Redis, once both are healthy',
    (variant) => {
      for (const name of [variant.api, variant.worker]) {
        const service = services[name];
        const env = service.environment!;
        expect(service.build?.dockerfile).toBe('docker/Dockerfile');
        expect(env.REDIS_URL).toBe('redis://redis:6379');
        expect(loadConfig(env).eventStore).toBe(variant.profile);
        expect(service.depends_on).toEqual({
          [variant.store]: { condition: 'service_healthy' },
          redis: { condition: 'service_healthy' },
        });
      }
      if (variant.profile === 'eventstoredb')
        expect(services[variant.api].environment?.EVENTSTORE_URL).toMatch(/^esdb:\/\/eventstore:2113/);
      else
        expect(services[variant.api].environment?.DATABASE_URL).toMatch(
          /^postgres:\/\/[^@]+@postgres:5432\//,
        );
    },
  );

  it.each(variants)(
    'leaves projecting, the policies and the webhooks to two $profile workers',
    ({ api, worker }) => {
      expect(services[api].environment?.LEADGER_PROJECTOR).toBe('off');
      expect(services[api].environment?.LEADGER_POLICIES_RUNNER).toBe('off');
      expect(services[api].environment?.LEADGER_WEBHOOKS_RUNNER).toBe('off');
      expect(services[worker].deploy?.replicas).toBe(2);
      // The same entrypoint as `npm run start:worker` runs outside Docker.
      expect(services[worker].command?.join(' ')).toBe(scripts['start:worker']);
    },
  );

  it('gives every API and worker one data folder: the master key (and the vault on EventStoreDB)', () => {
    for (const name of leadgerServices) expect(services[name].volumes).toEqual(['leadger-data:/data']);
  });

  it.each(['redis', 'eventstore', 'postgres', ...leadgerServices])('gives %s a health check', (name) => {
    const check = services[name].healthcheck;
    expect(check?.disable).toBeUndefined();
    expect(check?.test?.length).toBeGreaterThan(0);
  });

  it.each(variants)('calls the $profile API healthy when ready to serve, workers when live', (variant) => {
    const api = services[variant.api];
    const worker = services[variant.worker];
    expect(api.healthcheck?.test?.join(' ')).toContain(
      `http://127.0.0.1:${api.environment!.PORT}/health/ready`,
    );
    expect(worker.healthcheck?.test?.join(' ')).toContain(
      `http://127.0.0.1:${worker.environment!.LEADGER_METRICS_PORT}/health/live`,
    );
  });

  it.each(leadgerServices)('serves %s’s metrics on port 9464 to the compose network', (name) => {
    const service = services[name];
    expect(service.environment?.LEADGER_METRICS_PORT).toBe('9464');
    expect(service.environment?.LEADGER_METRICS_HOST).toBe('0.0.0.0');
    expect(service.expose).toEqual(['9464']);
  });

  it.each(leadgerServices)('sets %s’s variables to values the settings’ schema accepts', (name) => {
    expect(() => loadConfig(services[name].environment ?? {})).not.toThrow();
  });
});
