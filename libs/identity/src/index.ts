// Principals, roles and the personal-data vault: the only library that sees a key.
export * from './roles';
export * from './principal';
export * from './secrets';
export * from './blind-index';
export * from './sealed';
export * from './api-key-token';
export * from './lead-vault';
export { SqliteLeadVault } from './sqlite/sqlite-lead-vault';
export {
  PostgresLeadVault,
  type PostgresVaultOptions,
  type PostgresVaultTarget,
} from './postgres/postgres-lead-vault';
export * from './oidc';
export * from './master-key';
export * from './open-vault';
export * from './api-keys';
export * from './bootstrap-admin';
