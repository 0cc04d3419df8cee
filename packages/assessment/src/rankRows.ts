import type { Formula, Metric } from './FormulaSchema';

/** A place in a ranking: 1 is best, ties share a place ("1, 2, 2, 4"). */
export interface Rank {
  readonly within: 'circle' | 'role' | 'category';
  /** The role or category code; `circle` for the whole circle. */
  readonly group: string;
  readonly rank: number;
  /** How many were ranked in the group. */
  readonly of: number;
}

/** What ranking and honours read from a row. */
export interface RankableRow {
  readonly participantId: string;
  readonly roles: readonly string[];
  readonly score: number;
  readonly workloadByCategory: Readonly<Record<string, number>>;
  readonly values: Readonly<Record<Metric, number | null>>;
}

function placeIn(
  ranks: Map<string, Rank[]>,
  within: Rank['within'],
  group: string,
  entries: Array<[string, number]>,
) {
  const firstPlace = new Map<number, number>();
  entries
    .map(([, value]) => value)
    .sort((a, b) => b - a)
    .forEach((value, i) => {
      if (!firstPlace.has(value)) firstPlace.set(value, i + 1);
    });
  for (const [id, value] of entries)
    ranks.get(id)?.push({ within, group, rank: firstPlace.get(value) ?? 0, of: entries.length });
}

function groupBy(
  rows: readonly RankableRow[],
  keys: (row: RankableRow) => Array<[string, number]>,
) {
  const groups = new Map<string, Array<[string, number]>>();
  for (const row of rows)
    for (const [key, value] of keys(row)) {
      const list = groups.get(key) ?? [];
      list.push([row.participantId, value]);
      groups.set(key, list);
    }
  return groups;
}

/**
 * Ranks rows by score in the whole circle and within each role, and by workload
 * within each category they worked in. Ranking depends only on values, never on
 * the order of `rows`.
 */
export function rankRows(rows: readonly RankableRow[]): Map<string, Rank[]> {
  const ranks = new Map(rows.map((row) => [row.participantId, [] as Rank[]]));
  placeIn(
    ranks,
    'circle',
    'circle',
    rows.map((row) => [row.participantId, row.score]),
  );
  const byRole = groupBy(rows, (row) => row.roles.map((role) => [role, row.score]));
  for (const [role, entries] of [...byRole].sort(([a], [b]) => a.localeCompare(b)))
    placeIn(ranks, 'role', role, entries);
  const byCategory = groupBy(rows, (row) =>
    Object.entries(row.workloadByCategory).filter(([, workload]) => workload > 0),
  );
  for (const [category, entries] of [...byCategory].sort(([a], [b]) => a.localeCompare(b)))
    placeIn(ranks, 'category', category, entries);
  return ranks;
}

/** The ids of the honours (荣誉) a row earns under a formula, in the formula's order. */
export function honoursOf(row: RankableRow, ranks: readonly Rank[], formula: Formula): string[] {
  return formula.honours
    .filter((honour) => {
      if (honour.kind === 'threshold') {
        const value = row.values[honour.metric];
        return value !== null && value >= honour.min;
      }
      return ranks.some((rank) => rank.within === honour.within && rank.rank <= honour.top);
    })
    .map((honour) => honour.id);
}
