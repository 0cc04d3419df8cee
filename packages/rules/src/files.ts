// The `@quanzi/rules/files` entry: policies read from JSON or YAML text. Kept apart so
// that the YAML parser stays out of the main entry's import graph (and out of browser
// bundles, which receive a policy as data).

export { loadPolicy } from './files/loadPolicy';
export type { LoadPolicyOptions } from './loadPolicy';
