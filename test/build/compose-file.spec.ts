import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '@leadger/config';

// There is no Docker engine here to run docker/compose.yml; this checks that it parses and wires the
// production shape the README describes: API and worker on EventStoreDB and Redis, one worker, each
// service with a health check, and metrics on a port of their own in both Leadger processes.

interface Service {
  readonly image?: string;
  readonly build?: { readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
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

describe('docker/compose.yml', () => {
  const { services } = compose;

  it('runs EventStoreDB, Redis, the API and the worker', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'eventstore', 'redis', 'worker']);
    expect(services.eventstore.image).toMatch(/^eventstore\/eventstore:/);
    expect(services.redis.image).toMatch(/^redis:/);
  });

  it.each(['app', 'worker'])('points %s at both servers and waits until they are healthy', (name) => {
    const service = services[name];
    expect(service.build?.dockerfile).toBe('docker/Dockerfile');
    expect(service.environment?.EVENTSTORE_URL).toMatch(/^esdb:\/\/eventstore:2113/);
    expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(service.depends_on).toEqual({
      eventstore: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('leaves projecting, the policies and the webhooks to the worker service', () => {
    expect(services.app.environment?.LEADGER_PROJECTOR).toBe('off');
    expect(services.app.environment?.LEADGER_POLICIES_RUNNER).toBe('off');
    expect(services.app.environment?.LEADGER_WEBHOOKS_RUNNER).toBe('off');
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    // The same entrypoint as `npm run start:worker` runs outside Docker.
    expect(services.worker.command?.join(' ')).toBe(scripts['start:worker']);
  });

  it('gives the API and the worker one data folder: the vault of lead keys and the master key', () => {
    expect(services.app.volumes).toEqual(['leadger-data:/data']);
    expect(services.worker.volumes).toEqual(['leadger-data:/data']);
  });

  it.each(['eventstore', 'redis', 'app', 'worker'])('gives %s a health check', (name) => {
    const check = services[name].healthcheck;
    expect(check?.disable).toBeUndefined();
    expect(check?.test?.length).toBeGreaterThan(0);
  });

  it('calls the API healthy when it is ready to serve, and the worker when it is live', () => {
    const api = services.app.environment!;
    const worker = services.worker.environment!;
    expect(services.app.healthcheck?.test?.join(' ')).toContain(`http://127.0.0.1:${api.PORT}/health/ready`);
    expect(services.worker.healthcheck?.test?.join(' ')).toContain(
      `http://127.0.0.1:${worker.LEADGER_METRICS_PORT}/health/live`,
    );
  });

  it.each(['app', 'worker'])('serves %s’s metrics on port 9464 to the compose network', (name) => {
    const service = services[name];
    expect(service.environment?.LEADGER_METRICS_PORT).toBe('9464');
    expect(service.environment?.LEADGER_METRICS_HOST).toBe('0.0.0.0');
    expect(service.expose).toEqual(['9464']);
  });

  it.each(['app', 'worker'])('sets %s’s variables to values the settings’ schema accepts', (name) => {
    expect(() => loadConfig(services[name].environment ?? {})).not.toThrow();
  });
});
