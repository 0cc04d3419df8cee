export type { CliIo } from './CliContext';
export {
  type Archetype,
  diffMatrices,
  type MatrixCell,
  type MatrixChange,
  type PolicyMatrix,
  policyMatrix,
} from './policyMatrix';
export { runCli } from './runCli';
