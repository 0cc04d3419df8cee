import { parseInput } from '@quanzi/core';
import { compileReducer } from './compileReducer';
import type { LifecycleConfig } from './LifecycleConfig';
import type { TransitionResult } from './LifecycleDefinition';
import { type ReportCommand, ReportCommandSchema } from './ReportCommand';
import type { ReportSnapshot } from './ReportSnapshot';
import { reportDefinition } from './reportDefinition';

/** The compiled reducer of the report lifecycle, without input validation. */
export const reduceReport = compileReducer(reportDefinition);

/**
 * Applies one command to a report snapshot: `{ ok: true, snapshot, events }` or a
 * refusal with its reason. A command of the wrong shape throws a `QuanziError`.
 *
 * @example
 * transitionReport(snapshot, { type: 'dismiss', verdict: 'false', actor: { id: 'cmd', role: 'command' }, at }, config);
 */
export function transitionReport(
  snapshot: ReportSnapshot,
  command: ReportCommand,
  config: LifecycleConfig,
): TransitionResult<ReportSnapshot> {
  return reduceReport(
    snapshot,
    parseInput(ReportCommandSchema, command, { path: ['command'] }),
    config,
  );
}
