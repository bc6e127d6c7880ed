// The rules marketing and sales agreed, and the policies that act on them: pure deciders and their schema.
export * from './rules';
export * from './effect';
export * from './policy-lead';
export * from './owner-book';
export { mqlNeedsProfile } from './auto-mql';
export { reconcile, nextLook, RETRY_MS } from './reconcile';
export { slaFor } from './sla';
export { revisitAt } from './revisit';
export { holderAfter } from './holder';
