export type { CliIo } from './CliContext';
export {
  type DiffReason,
  type DiffRole,
  diffPolicies,
  diffRoles,
  type RightsChange,
} from './diffPolicies';
export {
  type Archetype,
  type MatrixCell,
  type PolicyMatrix,
  policyMatrix,
} from './policyMatrix';
export { runCli } from './runCli';
