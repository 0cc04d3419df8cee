import type { AssessmentRow, AssessOptions } from '@quanzi/assessment';
import type { EventStore, Participant, StoredEvent } from '@quanzi/core';
import type { Policy } from '@quanzi/rules';
import type { CircleMap } from './createCircleMap';
import { isCommand, isStaff, type Viewer } from './viewAs';

/** What {@link assessCircle} reads from the engine. */
export interface AssessSources {
  readonly store: EventStore;
  readonly circles: CircleMap;
  participants(): Participant[];
  policyFor(circleId: string): Policy;
  pseudonymSalt(): string;
}

const pageSize = 1000;

async function readCircle(store: EventStore, circleId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.position ?? 0;
    const page = await store.readAll({ circleId, after, limit: pageSize });
    events.push(...page);
    if (page.length < pageSize) return events;
  }
}

/**
 * A circle's assessment (考核) from its log, as `viewer` may see it: the command
 * center every row, other staff every row with anonymous people under pseudonyms, a
 * participant their own and their teams' rows, the public none.
 */
export async function assessCircle(
  viewer: Viewer,
  circleId: string,
  options: Pick<AssessOptions, 'formulas' | 'period'>,
  sources: AssessSources,
): Promise<AssessmentRow[]> {
  sources.circles.get(circleId);
  if (viewer.kind === 'public') return [];
  const participants = sources.participants().filter((p) => p.circleId === circleId);
  const categories = [...sources.policyFor(circleId).categories.values()].map(
    ({ minLevel: _, ...category }) => category,
  );
  // Loaded on first use: assessment brings luxon and a YAML parser, which an app
  // that never assesses should not download (bundlers split this into its own chunk).
  const [{ assess }, events] = await Promise.all([
    import('@quanzi/assessment'),
    readCircle(sources.store, circleId),
  ]);
  const rows = assess(events, {
    ...options,
    participants,
    categories,
    pseudonymSalt: sources.pseudonymSalt(),
  });
  if (isCommand(viewer, circleId)) return rows;
  if (isStaff(viewer, circleId))
    return rows.map((row) =>
      row.anonymous ? { ...row, participantId: row.pseudonym, displayName: row.pseudonym } : row,
    );
  return rows.filter((row) => row.participantId === viewer.id || row.memberIds.includes(viewer.id));
}
