// The rules marketing and sales agreed, and the policies that act on them: pure deciders and their schema;
// apart from them, the rules file's loader and its record in the log (I/O).
export * from './rules';
export { formatOf, parseRules, RulesFileError, type RulesFormat } from './parse-rules';
export { loadRules, rulesDigest, type LoadedRules } from './load-rules';
export * from './policies-stream';
export * from './start-policies';
