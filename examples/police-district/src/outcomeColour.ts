/**
 * The colour of a task outcome in charts: red only for what went wrong, amber for
 * work nobody took, green for done, blue and grey for work under way or set aside.
 */
// biome-ignore format: one outcome per line reads as a legend
const colours: Readonly<Record<string, string>> = {
  resolved: '#2ca02c',
  accepted: '#98df8a',
  published: '#ff9f1c',
  draft: '#c7c7c7',
  pending_review: '#c7c7c7',
  claimed: '#aec7e8',
  in_progress: '#1f77b4',
  submitted: '#17becf',
  rework: '#9edae5',
  escalated: '#9467bd',
  closed: '#7f7f7f',
  duplicate: '#7f7f7f',
  not_responsible: '#bcbd22',
  cancelled: '#d62728',
  closed_not_fixed: '#d62728',
  expired: '#a50f15',
};

/** The chart colour of an outcome code (a state or a closure reason); grey if unknown. */
export function outcomeColour(outcome: string): string {
  return colours[outcome] ?? '#7f7f7f';
}
