import type { EngineQueries } from './createQueries';
import type { ParticipantRecord, ReportRecord, TaskRecord } from './EngineRecord';
import type { Viewer } from './viewAs';

/** The engine's state as one viewer may see it (see {@link viewAs}); frozen. */
export interface EngineSnapshot {
  /** The global log position the state reflects. */
  readonly position: number;
  readonly participants: ReadonlyArray<ParticipantRecord>;
  readonly tasks: ReadonlyArray<TaskRecord>;
  readonly reports: ReadonlyArray<ReportRecord>;
}

/** A store for `useSyncExternalStore` that shows one viewer what they may see. */
export interface ViewerStore {
  /** The listener runs after every change of the engine. */
  subscribe(listener: () => void): () => void;
  /** What the viewer may see; the same object until the engine changes. */
  getSnapshot(): EngineSnapshot;
}

/** What {@link createViewerStore} reads from the engine. */
export interface ViewerStoreSources {
  readonly queries: Pick<EngineQueries, 'listParticipants' | 'listTasks' | 'listReports'>;
  subscribe(listener: () => void): () => void;
  /** The unfiltered snapshot; a new object exactly when the engine changed. */
  privileged(): EngineSnapshot;
}

/**
 * A viewer-scoped store: every record goes through the engine's queries, so the
 * snapshot holds only what {@link viewAs} allows, recomputed once per engine change.
 *
 * @example
 * const store = createViewerStore(resident, { queries: engine, subscribe, privileged });
 * store.getSnapshot().tasks; // no drafts of others, no sensitive tasks
 */
export function createViewerStore(viewer: Viewer, sources: ViewerStoreSources): ViewerStore {
  let source: EngineSnapshot | undefined;
  let shown: EngineSnapshot | undefined;
  return {
    subscribe: sources.subscribe,
    getSnapshot() {
      const current = sources.privileged();
      if (current !== source || shown === undefined) {
        source = current;
        shown = Object.freeze({
          position: current.position,
          participants: Object.freeze(sources.queries.listParticipants(viewer)),
          tasks: Object.freeze(sources.queries.listTasks(viewer)),
          reports: Object.freeze(sources.queries.listReports(viewer)),
        });
      }
      return shown;
    },
  };
}
