import type { DenyRule } from './builtInRules';
import type { TopLevelCondition } from './ConditionSchema';
import {
  type CompiledCondition,
  type CompileMode,
  compileCondition,
  factsRead,
} from './compileCondition';
import { type Action, actions } from './PolicySchema';

/** One action's compiled rules, whole and split by what they read. */
export type CompiledAction = Array<{ index: number; test: CompiledCondition }> & {
  /** Rules that read only the participant and the circle: checked once per participant. */
  perParticipant: CompiledCondition[];
  /** The rest, checked per task. */
  perTask: CompiledCondition[];
  /** Whether any rule reads the `context` fact; if none does, no distance is computed. */
  readsContext: boolean;
};

/** Compiles every rule once and files it under each action it guards. */
export function compileRules(
  rules: readonly DenyRule[],
  named: Readonly<Record<string, TopLevelCondition>>,
  mode: CompileMode,
): Record<Action, CompiledAction> {
  const tests = rules.map((rule) => compileCondition(rule.conditions, named, mode));
  const read = rules.map((rule) => factsRead(rule.conditions, named));
  const participantOnly = read.map((facts) =>
    [...facts].every((fact) => fact === 'participant' || fact === 'circle'),
  );
  const out = {} as Record<Action, CompiledAction>;
  for (const action of actions) {
    const entries = rules.flatMap((rule, index) =>
      rule.actions.includes(action) ? [{ index, test: tests[index] as CompiledCondition }] : [],
    );
    out[action] = Object.assign(entries, {
      perParticipant: entries.filter(({ index }) => participantOnly[index]).map(({ test }) => test),
      perTask: entries.filter(({ index }) => !participantOnly[index]).map(({ test }) => test),
      readsContext: entries.some(({ index }) => read[index]?.has('context')),
    });
  }
  return out;
}
