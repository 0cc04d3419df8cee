// The `@quanzi/rules/reference` entry: kept apart so that json-rules-engine stays
// out of the main entry's import graph (and out of browser bundles).
export { decideWithReference } from './decideWithReference';
