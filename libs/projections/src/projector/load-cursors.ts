import type { ReadStore } from '@leadger/read-store';
import type { Projection } from '../projection';
import type { ProjectorLogger } from './logger';
import { ProjectionCursor } from './project-batch';

/**
 * Where each projection resumes. A projection without a checkpoint — never built, dropped, or lost with a
 * flushed Redis — or with one written by another version has its namespace dropped and is built from the
 * start; anything left under it would otherwise be counted twice.
 */
export async function loadCursors(
  store: ReadStore,
  projections: readonly Projection[],
  logger: ProjectorLogger,
): Promise<ProjectionCursor[]> {
  const stored = await store.readCheckpoints(projections.map((p) => p.name));
  const cursors: ProjectionCursor[] = [];
  for (const projection of projections) {
    const checkpoint = stored.get(projection.name) ?? null;
    if (checkpoint && checkpoint.version === projection.version) {
      cursors.push(new ProjectionCursor(projection, checkpoint.position));
      continue;
    }
    const why = checkpoint ? `version ${checkpoint.version} → ${projection.version}` : 'no checkpoint';
    logger.info('building read model from the start', { projection: projection.name, why });
    await store.drop(projection.name);
    cursors.push(new ProjectionCursor(projection, null));
  }
  return cursors;
}
