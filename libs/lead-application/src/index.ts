export * from './handle-command';
export * from './errors';
export * from './event-metadata';
export * from './hash-chain';
export * from './lead-stream';
export * from './lead-draft';
export { canonicalJson } from './canonical-json';
export { KeyedMutex } from './keyed-mutex';
export { LeadCache } from './lead-cache';
