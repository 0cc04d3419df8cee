import type { Coarseness, Participant, Point, TaskGeometry } from '@quanzi/core';
import { coarsenPosition, roleOf } from '@quanzi/core';
import type { ParticipantFacts, Policy } from '@quanzi/rules';
import type { CircleMap } from './createCircleMap';
import type { EngineRecord, ParticipantRecord, ReportRecord, TaskRecord } from './EngineRecord';
import { taskFactsOf } from './planTaskCommand';

/** Somebody who is not signed in: a public web page, an open-data export. */
export interface PublicViewer {
  readonly kind: 'public';
}

/** Who is looking: a participant, or the public. */
export type Viewer = Participant | PublicViewer;

/** The public, for public pages and open-data exports. */
export const publicViewer: PublicViewer = Object.freeze({ kind: 'public' });

/** What {@link viewAs} reads besides the viewer and the item. */
export interface ViewContext {
  readonly now: string;
  readonly circles: CircleMap;
  policyFor(circleId: string): Policy;
  factsOf(participant: Participant): ParticipantFacts;
  participant(id: string): Participant | undefined;
  /** The stable name an anonymous participant appears under. */
  pseudonymOf(participantId: string): string;
}

// The public is an outsider to every circle: the rules give it clearance for
// `public` items only, exactly as for a participant of another circle.
const outsider: Participant = {
  id: 'public',
  circleId: 'public',
  kind: 'resident',
  displayName: 'public',
  roles: [],
  qualifications: [],
  teamIds: [],
  memberIds: [],
  privacy: { anonymous: true, contactable: false },
  status: 'active',
};

function coarsenPoint<T extends TaskGeometry | Point | undefined>(
  geometry: T,
  coarseness: Coarseness,
): T {
  if (geometry?.type !== 'Point') return geometry;
  return { ...geometry, coordinates: coarsenPosition(geometry.coordinates, coarseness) } as T;
}

/** Replaces every string equal to an anonymous participant's id by their pseudonym. */
function pseudonymize<T>(value: T, context: ViewContext, except: string | undefined): T {
  if (typeof value === 'string') {
    if (value === except) return value;
    const participant = context.participant(value);
    return (participant?.privacy.anonymous ? context.pseudonymOf(value) : value) as T;
  }
  if (Array.isArray(value)) return value.map((item) => pseudonymize(item, context, except)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, pseudonymize(item, context, except)]),
    ) as T;
  return value;
}

const isParticipant = (viewer: Viewer): viewer is Participant => viewer.kind !== 'public';

/** Command center, officer or upstream platform of `circleId`: the circle's staff. */
export function isStaff(viewer: Viewer, circleId: string): boolean {
  return (
    isParticipant(viewer) &&
    viewer.circleId === circleId &&
    ['command', 'officer', 'upstream'].includes(roleOf(viewer))
  );
}

/** The command center of `circleId`. */
export const isCommand = (viewer: Viewer, circleId: string): boolean =>
  isParticipant(viewer) && viewer.circleId === circleId && roleOf(viewer) === 'command';

// A task before publication is its publisher's and the staff's work in progress,
// whatever the policy says about published ones.
const unpublishedStates: ReadonlySet<string> = new Set(['draft', 'pending_review']);

function viewTask(viewer: Viewer, record: TaskRecord, context: ViewContext) {
  const circle = context.circles.get(record.task.circleId);
  const participant = isParticipant(viewer) ? viewer : outsider;
  if (
    unpublishedStates.has(record.snapshot.state) &&
    !(isParticipant(viewer) && viewer.id === record.task.publisherId) &&
    !isStaff(viewer, circle.id)
  )
    return undefined;
  const decision = context
    .policyFor(circle.id)
    .decide('view', context.factsOf(participant), taskFactsOf(record), {
      now: context.now,
      circle,
    });
  if (!decision.allowed) return undefined;
  if (isCommand(viewer, circle.id)) return record;
  const shown = pseudonymize(record, context, participant.id);
  if (isParticipant(viewer)) return shown;
  return {
    ...shown,
    task: { ...shown.task, location: coarsenPoint(shown.task.location, 'place') },
  };
}

function viewReport(viewer: Viewer, record: ReportRecord, context: ViewContext) {
  const { report } = record;
  const own = isParticipant(viewer) && viewer.id === report.reporterId;
  if (own || isCommand(viewer, report.circleId)) return record;
  if (!isStaff(viewer, report.circleId)) return undefined;
  if (!report.anonymous) return pseudonymize(record, context, undefined);
  // Officers work the report without learning who sent it.
  const alias = context.pseudonymOf(report.reporterId);
  const shown = pseudonymize(record, context, undefined);
  const { proxyFor: _hidden, ...rest } = shown.report;
  return {
    ...shown,
    report: { ...rest, reporterId: alias },
    snapshot: { ...shown.snapshot, reporterId: alias },
  };
}

function viewParticipant(viewer: Viewer, record: ParticipantRecord, context: ViewContext) {
  const { participant } = record;
  if (isParticipant(viewer) && viewer.id === participant.id) return record;
  if (isCommand(viewer, participant.circleId)) return record;
  const shown = pseudonymize(record, context, undefined);
  const alias = participant.privacy.anonymous ? { displayName: shown.participant.id } : {};
  const home = coarsenPoint(participant.home, 'home');
  return { ...shown, participant: { ...shown.participant, ...alias, ...(home ? { home } : {}) } };
}

/**
 * What `viewer` may see of `item`: the item itself, a redacted copy, or `undefined`.
 * The one place that decides visibility, used by every query and export: drafts and
 * tasks pending review are visible to their publisher and the circle's staff only
 * (built in, whatever the policy); the circle's policy decides whether a published
 * task is visible at all (sensitive tasks never reach residents or the public); anonymous reporters and participants appear under
 * pseudonyms to all but the command center; public views coarsen exact places to
 * about 100 m, and homes are coarsened to about 1 km for everyone but the person
 * and their command center.
 *
 * @example
 * const shown = viewAs(resident, taskRecord, context); // undefined for a sensitive task
 */
export function viewAs<TRecord extends EngineRecord>(
  viewer: Viewer,
  item: TRecord,
  context: ViewContext,
): TRecord | undefined {
  switch (item.entity) {
    case 'task':
      return viewTask(viewer, item, context) as TRecord | undefined;
    case 'report':
      return viewReport(viewer, item, context) as TRecord | undefined;
    case 'participant':
      return viewParticipant(viewer, item, context) as TRecord | undefined;
  }
}
