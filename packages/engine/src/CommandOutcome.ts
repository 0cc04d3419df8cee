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

interface OutcomeBase {
  readonly type: CommandType;
  readonly idempotencyKey: string;
}

/** The command went through; `replayed` when an earlier try with the same key did. */
export interface AppliedOutcome extends OutcomeBase {
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
export interface DeniedOutcome extends OutcomeBase {
  readonly status: 'denied';
  readonly reasons: ReadonlyArray<Refusal>;
}

/**
 * The command was refused because of a change its sender had not seen: another
 * writer won a race for the same stream, or (for a queued offline command) the
 * item changed after `clientTime`. Nothing was written and nothing was lost: the
 * sender sees the current state and decides again.
 */
export interface ConflictOutcome extends OutcomeBase {
  readonly status: 'conflict';
  readonly streamId: string;
  readonly reasons: ReadonlyArray<Refusal>;
}

/** What {@link Engine.execute} returns. */
export type CommandOutcome = AppliedOutcome | DeniedOutcome | ConflictOutcome;

/** A command of a batch that could not be used at all (bad input, unknown item). */
export interface ErrorOutcome {
  readonly status: 'error';
  readonly type: string | null;
  readonly idempotencyKey: string | null;
  readonly error: QuanziError;
}

/** One result per command of {@link Engine.applyBatch}. */
export type BatchOutcome = CommandOutcome | ErrorOutcome;
