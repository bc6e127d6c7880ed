// The rules marketing and sales agreed, and the policies that act on them: pure deciders, the rules' schema
// and the parser that names a bad file's line and field. Reading the file and recording it is policy-runtime's.
export * from './rules';
export * from './effect';
export * from './policy-lead';
export * from './owner-book';
export { mqlNeedsProfile } from './auto-mql';
export { reconcile, nextLook, RETRY_MS } from './reconcile';
export { slaFor } from './sla';
export { revisitAt } from './revisit';
export { holderAfter } from './holder';
export { formatOf, parseRules, RulesFileError, type RulesFormat } from './parse-rules';
