// Synthetic lead histories for demos, tests and benchmarks: a deterministic year of realistic funnel traffic.
export {
  DEFAULT_SEED_FROM,
  SeedConflictError,
  seedHistory,
  type SeedOptions,
  type SeedProgress,
  type SeedResult,
} from './seed-history';
export { Random } from './random';
