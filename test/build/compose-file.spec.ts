import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

// There is no Docker engine here to run docker/compose.yml; this checks that it parses and wires the
// production shape the README describes: API and projector on EventStoreDB and Redis, one projector.

interface Service {
  readonly image?: string;
  readonly build?: { readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
}

const compose = load(readFileSync(join(__dirname, '../../docker/compose.yml'), 'utf8')) as {
  readonly services: Readonly<Record<string, Service>>;
};

describe('docker/compose.yml', () => {
  const { services } = compose;

  it('runs EventStoreDB, Redis, the API and the projector', () => {
    expect(Object.keys(services).sort()).toEqual(['app', 'eventstore', 'projector', 'redis']);
    expect(services.eventstore.image).toMatch(/^eventstore\/eventstore:/);
    expect(services.redis.image).toMatch(/^redis:/);
  });

  it.each(['app', 'projector'])('points %s at both servers and waits until they are healthy', (name) => {
    const service = services[name];
    expect(service.build?.dockerfile).toBe('docker/Dockerfile');
    expect(service.environment?.EVENTSTORE_URL).toMatch(/^esdb:\/\/eventstore:2113/);
    expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
    expect(service.depends_on).toEqual({
      eventstore: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('leaves projecting to the projector service', () => {
    expect(services.app.environment?.LEADGER_PROJECTOR).toBe('off');
    expect(services.projector.command).toEqual(['node', 'dist/apps/projector/src/main.js']);
  });
});
