/** The kinds of stream an event can belong to. */
export type StreamKind = 'task' | 'report' | 'participant';

/** A stream id taken apart: which kind of aggregate, and its id. */
export interface ParsedStreamId {
  readonly kind: StreamKind;
  readonly id: string;
}

/**
 * Builds stream ids (an event's `subject`): `task/<id>`, `report/<id>`,
 * `participant/<id>`. The only place that spells these prefixes; read them back with
 * {@link parseStreamId}.
 *
 * @example
 * streamIdOf.task('t1'); // 'task/t1'
 */
export const streamIdOf = {
  /** The stream of one task. */
  task: (id: string): string => `task/${id}`,
  /** The stream of one report. */
  report: (id: string): string => `report/${id}`,
  /** The stream of one participant (levels, credibility). */
  participant: (id: string): string => `participant/${id}`,
} as const;

const kinds: ReadonlySet<string> = new Set<StreamKind>(['task', 'report', 'participant']);

/**
 * The kind and id of a stream id built by {@link streamIdOf}, or `undefined` for any
 * other subject (hosts may write streams of their own).
 *
 * @example
 * parseStreamId('task/t1'); // { kind: 'task', id: 't1' }
 */
export function parseStreamId(subject: string): ParsedStreamId | undefined {
  const slash = subject.indexOf('/');
  if (slash <= 0 || slash === subject.length - 1) return undefined;
  const kind = subject.slice(0, slash);
  return kinds.has(kind) ? { kind: kind as StreamKind, id: subject.slice(slash + 1) } : undefined;
}
