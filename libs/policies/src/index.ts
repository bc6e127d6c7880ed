// The rules marketing and sales agreed, and the policies that act on them: pure deciders and their schema.
export * from './rules';
