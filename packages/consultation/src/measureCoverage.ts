import { parseInput } from '@quanzi/core';
import * as z from 'zod';

/**
 * Who should be heard: each area's and group's share of the population (any
 * positive weights; they are normalised).
 *
 * @example
 * { areas: { north: 0.4, south: 0.6 }, groups: { elderly: 0.25, renters: 0.3, others: 0.45 } }
 */
export const CoverageExpectationSchema = z.strictObject({
  areas: z.record(z.string().min(1).max(128), z.number().positive()).default({}),
  groups: z.record(z.string().min(1).max(128), z.number().positive()).default({}),
  /** A share of voices below this fraction of the expected share counts as missing. */
  underRatio: z.number().min(0).max(1).default(0.5),
});

/** A coverage expectation as accepted on input. */
export type CoverageExpectationInput = z.input<typeof CoverageExpectationSchema>;

/** One area or group: voices heard against the share expected. */
export interface CoverageRow {
  readonly id: string;
  /** Distinct authors from it. */
  readonly voices: number;
  readonly share: number;
  readonly expectedShare: number;
  /** `share / expectedShare`; `null` when nobody was expected from it. */
  readonly ratio: number | null;
  readonly missing: boolean;
}

/** Coverage across areas and groups, and whose voice is missing. */
export interface Coverage {
  readonly areas: readonly CoverageRow[];
  readonly groups: readonly CoverageRow[];
  /** Authors whose area or group the host did not know. */
  readonly unknown: { readonly area: number; readonly group: number };
  readonly missing: { readonly areas: readonly string[]; readonly groups: readonly string[] };
}

/** An author and what the host knows about them. */
export interface Voice {
  readonly author: string;
  readonly area?: string;
  readonly group?: string;
}

function rows(
  counts: Map<string, number>,
  expected: Record<string, number>,
  underRatio: number,
): CoverageRow[] {
  const heard = [...counts.values()].reduce((a, b) => a + b, 0);
  const weight = Object.values(expected).reduce((a, b) => a + b, 0);
  const ids = [...new Set([...Object.keys(expected), ...counts.keys()])].sort();
  return ids.map((id) => {
    const voices = counts.get(id) ?? 0;
    const share = heard === 0 ? 0 : voices / heard;
    const expectedShare = weight === 0 ? 0 : (expected[id] ?? 0) / weight;
    const ratio = expectedShare === 0 ? null : share / expectedShare;
    return {
      id,
      voices,
      share,
      expectedShare,
      ratio,
      missing: ratio !== null && ratio < underRatio,
    };
  });
}

/**
 * Compares who spoke with who lives in the circle, by area and by group, and
 * lists those heard far less than their share (the article's exclusion risk).
 * Each author counts once, under the area and group last known for them.
 *
 * @example
 * measureCoverage(voices, { groups: { elderly: 1, others: 3 } }).missing.groups; // ['elderly']
 */
export function measureCoverage(
  voices: readonly Voice[],
  expectation: CoverageExpectationInput = {},
): Coverage {
  const { areas, groups, underRatio } = parseInput(CoverageExpectationSchema, expectation, {
    path: ['coverage'],
  });
  const latest = new Map<string, Voice>();
  for (const voice of voices) {
    const known = latest.get(voice.author);
    latest.set(voice.author, {
      ...voice,
      area: voice.area ?? known?.area,
      group: voice.group ?? known?.group,
    });
  }
  const byArea = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let unknownArea = 0;
  let unknownGroup = 0;
  for (const { area, group } of latest.values()) {
    if (area === undefined) unknownArea += 1;
    else byArea.set(area, (byArea.get(area) ?? 0) + 1);
    if (group === undefined) unknownGroup += 1;
    else byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
  }
  const areaRows = rows(byArea, areas, underRatio);
  const groupRows = rows(byGroup, groups, underRatio);
  return {
    areas: areaRows,
    groups: groupRows,
    unknown: { area: unknownArea, group: unknownGroup },
    missing: {
      areas: areaRows.filter((r) => r.missing).map((r) => r.id),
      groups: groupRows.filter((r) => r.missing).map((r) => r.id),
    },
  };
}
