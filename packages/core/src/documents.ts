// The `@quanzi/core/documents` entry: reading JSON and YAML text. Kept apart so that
// the YAML parser stays out of the main entry's import graph (and out of browser
// bundles that receive their configuration as data).
export { type DocumentOptions, loadDocument, parseDocument } from './parseDocument';
