// The `@quanzi/assessment/files` entry: formulas read from YAML or JSON text. Kept apart
// so that the YAML parser stays out of the main entry, which the engine loads on the
// first assessment (in a browser too).
export { loadFormula } from './files/loadFormula';
export type { LoadFormulaOptions } from './loadFormula';
