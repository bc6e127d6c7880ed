// The settings every Leadger process reads from its environment; plain TypeScript, shared by the apps.
export * from './leadger-config';
export { settingType } from './setting-type';
export { unknownVariableWarnings } from './unknown-variables';
