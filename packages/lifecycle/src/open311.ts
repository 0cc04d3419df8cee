// The `@quanzi/lifecycle/open311` entry: task and report states as Open311 GeoReport v2
// statuses, both ways. Kept apart because only the Open311 adapter and hosts that speak
// GeoReport need the tables, so other apps (a browser portal) do not carry them.

export {
  closureReasonOpen311Table,
  closureReasonToOpen311,
  type Open311ExtendedStatus,
  type Open311Status,
  open311ExtendedStatuses,
  open311ToClosureReason,
  reportToOpen311,
  taskToOpen311,
} from './open311Status';
