// The lead domain's test kit, for specs anywhere: fixtures of one lead at every stage and given/when/then.
export * from './given-when-then';
export * from './lead-fixtures';
