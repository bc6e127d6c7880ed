import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

// There is no Docker engine here to run docker/compose.yml; this checks that it parses and wires the
// production shape the README describes: API and worker on EventStoreDB and Redis, one worker.

interface Service {
  readonly image?: string;
  readonly build?: { readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly volumes?: readonly string[];
}

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

  it('leaves projecting and the policies to the worker service', () => {
    expect(services.app.environment?.LEADGER_PROJECTOR).toBe('off');
    expect(services.app.environment?.LEADGER_POLICIES_RUNNER).toBe('off');
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
  });

  it('gives the API and the worker one data folder: the vault of lead keys and the master key', () => {
    expect(services.app.volumes).toEqual(['leadger-data:/data']);
    expect(services.worker.volumes).toEqual(['leadger-data:/data']);
  });
});
