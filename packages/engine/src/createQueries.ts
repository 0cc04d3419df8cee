import {
  type Participant,
  type Position,
  PositionSchema,
  parseInput,
  QuanziError,
} from '@quanzi/core';
import type { TaskState } from '@quanzi/lifecycle';
import type { ReputationProfile, ReputationProjection } from '@quanzi/reputation';
import type { ParticipantFacts, Policy, TaskIndex } from '@quanzi/rules';
import type { CircleMap } from './createCircleMap';
import type { EngineState } from './createEngineState';
import type { EngineRecord, ParticipantRecord, ReportRecord, TaskRecord } from './EngineRecord';
import { isCommand, type ViewContext, type Viewer, viewAs } from './viewAs';

/** Filters of {@link EngineQueries.listTasks}. */
export interface TaskFilter {
  readonly circleId?: string;
  readonly states?: ReadonlyArray<TaskState>;
}

/** Filters of {@link EngineQueries.listReports}. */
export interface ReportFilter {
  readonly circleId?: string;
  readonly reporterId?: string;
}

/** One task of a nearby search, as the participant may see it. */
export interface NearbyItem {
  readonly task: TaskRecord;
  readonly circleId: string;
  readonly distanceMeters: number;
  readonly score: number;
  /** False for a neighbouring circle's public task: visible, not claimable from here. */
  readonly claimable: boolean;
}

/** A participant as a viewer may see them, with their reputation. */
export interface ProfileView {
  readonly participant: ParticipantRecord;
  readonly reputation: ReputationProfile;
}

/** Every query of the engine; each takes the viewer and shows only what {@link viewAs} allows. */
export interface EngineQueries {
  /** What `viewer` may see of `item` (see {@link viewAs}), at the clock's now. */
  viewAs<TRecord extends EngineRecord>(viewer: Viewer, item: TRecord): TRecord | undefined;
  listTasks(viewer: Viewer, filter?: TaskFilter): TaskRecord[];
  getTask(viewer: Viewer, taskId: string): TaskRecord | undefined;
  listReports(viewer: Viewer, filter?: ReportFilter): ReportRecord[];
  getReport(viewer: Viewer, reportId: string): ReportRecord | undefined;
  listParticipants(viewer: Viewer, filter?: { readonly circleId?: string }): ParticipantRecord[];
  /**
   * A participant's profile by id, or an anonymous participant's by the pseudonym views
   * show. By real id, an anonymous participant is found only by themselves and their
   * command center, so nobody can map real ids to pseudonyms.
   */
  getProfile(viewer: Viewer, participantIdOrPseudonym: string): ProfileView | undefined;
  /**
   * What the participant may claim near `position` (their home by default) in their
   * own circle, plus the public tasks of neighbouring circles within reach, best first.
   */
  claimableNear(
    participantId: string,
    options?: { readonly position?: Position; readonly limit?: number },
  ): NearbyItem[];
}

/** What the queries read from the engine. */
export interface QuerySources {
  state(): EngineState;
  reputation(): ReputationProjection;
  indexOf(circleId: string): TaskIndex;
  readonly circles: CircleMap;
  policyFor(circleId: string): Policy;
  factsOf(participant: Participant, now: string): ParticipantFacts;
  now(): string;
  pseudonymOf(participantId: string): string;
}

function noLocation(participantId: string): QuanziError {
  return new QuanziError({
    code: 'invalid_input',
    path: ['position'],
    message: {
      en: `Participant "${participantId}" has no home; pass the current position`,
      'zh-CN': `参与者“${participantId}”没有登记住址，请提供当前位置`,
    },
  });
}

/** Builds the viewer-aware queries over the engine's state. */
export function createQueries(sources: QuerySources): EngineQueries {
  const context = (): ViewContext => {
    const now = sources.now();
    return {
      now,
      circles: sources.circles,
      policyFor: sources.policyFor,
      factsOf: (participant) => sources.factsOf(participant, now),
      participant: (id) => sources.state().participants.get(id)?.participant,
      pseudonymOf: sources.pseudonymOf,
    };
  };
  function visible<T extends EngineRecord>(
    viewer: Viewer,
    records: Iterable<T>,
    keep: (r: T) => boolean,
  ) {
    const ctx = context();
    const out: T[] = [];
    for (const record of records) {
      if (!keep(record)) continue;
      const shown = viewAs(viewer, record, ctx);
      if (shown) out.push(shown);
    }
    return out;
  }
  // Pseudonym → real id of the anonymous participants, rebuilt when the log moved on.
  let aliases: { position: number; ids: Map<string, string> } | undefined;
  function realIdOf(pseudonym: string): string | undefined {
    const state = sources.state();
    if (aliases?.position !== state.position) {
      const ids = new Map<string, string>();
      for (const { participant } of state.participants.values())
        if (participant.privacy.anonymous)
          ids.set(sources.pseudonymOf(participant.id), participant.id);
      aliases = { position: state.position, ids };
    }
    return aliases.ids.get(pseudonym);
  }
  const mayUseRealId = (viewer: Viewer, participant: Participant) =>
    !participant.privacy.anonymous ||
    (viewer.kind !== 'public' && viewer.id === participant.id) ||
    isCommand(viewer, participant.circleId);
  const one = <T extends EngineRecord>(viewer: Viewer, record: T | undefined) =>
    record === undefined ? undefined : viewAs(viewer, record, context());

  return {
    viewAs: (viewer, item) => viewAs(viewer, item, context()),
    listTasks: (viewer, filter = {}) =>
      visible(
        viewer,
        sources.state().tasks.values(),
        ({ task, snapshot }) =>
          (filter.circleId === undefined || task.circleId === filter.circleId) &&
          (filter.states === undefined || filter.states.includes(snapshot.state)),
      ),
    getTask: (viewer, taskId) => one(viewer, sources.state().tasks.get(taskId)),
    listReports: (viewer, filter = {}) =>
      visible(
        viewer,
        sources.state().reports.values(),
        ({ report }) =>
          (filter.circleId === undefined || report.circleId === filter.circleId) &&
          (filter.reporterId === undefined || report.reporterId === filter.reporterId),
      ),
    getReport: (viewer, reportId) => one(viewer, sources.state().reports.get(reportId)),
    listParticipants: (viewer, filter = {}) =>
      visible(
        viewer,
        sources.state().participants.values(),
        ({ participant }) =>
          filter.circleId === undefined || participant.circleId === filter.circleId,
      ),
    getProfile(viewer, participantIdOrPseudonym) {
      const participants = sources.state().participants;
      const named = participants.get(participantIdOrPseudonym);
      if (named && !mayUseRealId(viewer, named.participant)) return undefined;
      const participantId = named ? participantIdOrPseudonym : realIdOf(participantIdOrPseudonym);
      if (participantId === undefined) return undefined;
      const shown = one(viewer, participants.get(participantId));
      if (!shown) return undefined;
      const profile = sources.reputation().profile(participantId, sources.now());
      const alias = shown.participant.id;
      const reputation =
        alias === participantId
          ? profile
          : { ...profile, participantId: alias, displayName: alias };
      return { participant: shown, reputation };
    },
    claimableNear(participantId, options = {}) {
      const state = sources.state();
      const participant = state.participants.get(participantId)?.participant;
      if (!participant) throw new QuanziError({ code: 'not_found', path: ['participantId'] });
      const at = options.position ?? participant.home?.coordinates;
      if (!at) throw noLocation(participantId);
      const position = parseInput(PositionSchema, at, { path: ['position'] });
      const now = sources.now();
      const limit = options.limit ?? 20;
      const facts = sources.factsOf(participant, now);
      const found = sources.circles.circles.flatMap((circle) => {
        const claimable = circle.id === participant.circleId;
        const page = sources.indexOf(circle.id).claimableNear(facts, position, {
          now,
          circle,
          action: claimable ? 'claim' : 'discover',
          limit,
        });
        return page.items.map((item) => ({ item, circleId: circle.id, claimable }));
      });
      found.sort((a, b) => b.item.score - a.item.score);
      const ctx = context();
      const out: NearbyItem[] = [];
      for (const { item, circleId, claimable } of found) {
        const record = state.tasks.get(item.task.task.id);
        const task = record && viewAs(participant, record, ctx);
        if (task)
          out.push({
            task,
            circleId,
            distanceMeters: item.distanceMeters,
            score: item.score,
            claimable,
          });
        if (out.length === limit) break;
      }
      return out;
    },
  };
}
