/** How far a run or a sweep has come, in simulated steps (hours). */
export interface Progress {
  /** The run that just advanced. */
  readonly run: string;
  /** Steps done so far, over every run of a sweep. */
  readonly done: number;
  /** Steps in total, over every run of a sweep. */
  readonly total: number;
}

/** Receives {@link Progress}; the CLI drives its progress bar from it. */
export type ProgressListener = (progress: Progress) => void;
