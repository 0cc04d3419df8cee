import type { LocalizedText, QuanziError, StoredEvent } from '@quanzi/core';
import type { CommandType } from './commandSchemas';
import type { DuplicateCandidate } from './findDuplicates';

/**
 * Why a command was refused: a stable code (from the lifecycle, the rules or the
 * engine) and a message to show in English and Chinese.
 */
export interface Refusal {
  readonly code: string;
  readonly message: LocalizedText;
}

interface OutcomeBase<TType extends CommandType> {
  readonly type: TType;
  readonly idempotencyKey: string;
}

/** The command went through; `replayed` when an earlier try with the same key did. */
export interface AppliedOutcome<TType extends CommandType = CommandType>
  extends OutcomeBase<TType> {
  readonly status: 'applied';
  readonly replayed: boolean;
  readonly events: ReadonlyArray<StoredEvent>;
  /** The task the command created or changed, if any. */
  readonly taskId?: string;
  /** The report the command received or changed, if any. */
  readonly reportId?: string;
  /** For a new report: possible duplicates, for triage to link. */
  readonly duplicates?: ReadonlyArray<DuplicateCandidate>;
}

/** The rules or the lifecycle refused the command; nothing was written. */
export interface DeniedOutcome<TType extends CommandType = CommandType> extends OutcomeBase<TType> {
  readonly status: 'denied';
  readonly reasons: ReadonlyArray<Refusal>;
}

/**
 * The command was refused because of a change its sender had not seen: another
 * writer won a race for the same stream, or (for a queued offline command) the
 * item changed after `clientTime`. Nothing was written and nothing was lost: the
 * sender sees the current state and decides again.
 */
export interface ConflictOutcome<TType extends CommandType = CommandType>
  extends OutcomeBase<TType> {
  readonly status: 'conflict';
  readonly streamId: string;
  readonly reasons: ReadonlyArray<Refusal>;
}

// What an applied command is sure to carry beyond the common fields: the id of what
// it created, so callers need no non-null assertion.
type CreatedIds<TType extends CommandType> = (TType extends 'task.create' | 'report.convert'
  ? { readonly taskId: string }
  : unknown) &
  (TType extends 'report.submit'
    ? { readonly reportId: string; readonly duplicates: ReadonlyArray<DuplicateCandidate> }
    : unknown);

/**
 * What {@link Engine.execute} returns for a command of type `TType`: `task.create`
 * and `report.convert` applied carry `taskId`, `report.submit` applied carries
 * `reportId` and `duplicates`.
 */
export type CommandOutcome<TType extends CommandType = CommandType> =
  | (AppliedOutcome<TType> & CreatedIds<TType>)
  | DeniedOutcome<TType>
  | ConflictOutcome<TType>;

/** A command of a batch that could not be used at all (bad input, unknown item). */
export interface ErrorOutcome {
  readonly status: 'error';
  readonly type: string | null;
  readonly idempotencyKey: string | null;
  readonly error: QuanziError;
}

/** One result per command of {@link Engine.applyBatch}. */
export type BatchOutcome = CommandOutcome | ErrorOutcome;
