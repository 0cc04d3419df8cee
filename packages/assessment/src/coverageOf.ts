import {
  anchorOf,
  BoundarySchema,
  type Channel,
  ChannelSchema,
  IdSchema,
  LocalizedTextSchema,
  type Position,
} from '@quanzi/core';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import * as z from 'zod/mini';
import type { CircleFacts } from './collectFacts';
import { inPeriod, type Period } from './resolvePeriod';

/** A named area of the circle (a grid cell, a housing estate) as a GeoJSON (Multi)Polygon. */
export const AreaSchema = z.strictObject({
  id: IdSchema,
  name: z.optional(LocalizedTextSchema),
  geometry: BoundarySchema,
});

/** Areas as a list, or as a GeoJSON FeatureCollection whose features carry `properties.id`. */
export const AreasSchema = z.union([
  z.array(AreaSchema),
  z.pipe(
    z.object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          properties: z.object({ id: IdSchema, name: z.optional(LocalizedTextSchema) }),
          geometry: BoundarySchema,
        }),
      ),
    }),
    z.transform((collection) =>
      collection.features.map((f) => ({
        id: f.properties.id,
        name: f.properties.name,
        geometry: f.geometry,
      })),
    ),
  ),
]);

/** An area. */
export type Area = z.infer<typeof AreaSchema>;

/** How much of the circle's activity reached one area. */
export interface AreaCoverage {
  readonly areaId: string;
  /** Reports received in the period located in the area. */
  readonly reports: number;
  /** Tasks created in the period whose location (its anchor) is in the area. */
  readonly tasks: number;
  /** Registered participants whose home is in the area. */
  readonly participants: number;
}

/** How much of the circle's activity reached one group of people. */
export interface GroupCoverage {
  readonly group: string;
  readonly members: number;
  /** Members who sent at least one report in the period. */
  readonly reporters: number;
  /** Members who completed at least one task in the period. */
  readonly solvers: number;
  readonly reports: number;
  readonly tasksCompleted: number;
}

const count = (positions: Position[], area: Area) =>
  positions.filter((p) => booleanPointInPolygon(p, area.geometry)).length;

function areaCoverage(facts: CircleFacts, period: Period, areas: readonly Area[]) {
  const reports = [...facts.reports.values()].filter((r) => inPeriod(r.received.time, period));
  const reportSpots = reports.flatMap((r) => (r.location ? [r.location.coordinates] : []));
  const taskSpots = [...facts.tasks.values()]
    .filter((t) => inPeriod(t.created.time, period))
    .map((t) => anchorOf(t.location));
  const homes = [...facts.participants.values()].flatMap((p) =>
    p.home ? [p.home.coordinates] : [],
  );
  const byArea: AreaCoverage[] = areas.map((area) => ({
    areaId: area.id,
    reports: count(reportSpots, area),
    tasks: count(taskSpots, area),
    participants: count(homes, area),
  }));
  return {
    byArea,
    withoutReports: byArea.filter((a) => a.reports === 0).map((a) => a.areaId),
    withoutParticipants: byArea.filter((a) => a.participants === 0).map((a) => a.areaId),
    unlocatedReports: reports.length - reportSpots.length,
    reportsByChannel: Object.fromEntries(
      ChannelSchema.options.map((channel) => [
        channel,
        reports.filter((r) => r.channel === channel).length,
      ]),
    ) as Record<Channel, number>,
  };
}

function groupCoverage(
  facts: CircleFacts,
  period: Period,
  groups: Readonly<Record<string, readonly string[]>>,
) {
  const reportsBy = new Map<string, number>();
  for (const report of facts.reports.values())
    if (inPeriod(report.received.time, period))
      reportsBy.set(report.reporterId, (reportsBy.get(report.reporterId) ?? 0) + 1);
  const completedBy = (id: string) =>
    (facts.deeds.get(id) ?? []).filter((d) => d.kind === 'completed' && inPeriod(d.time, period))
      .length;
  const byGroup: GroupCoverage[] = Object.keys(groups)
    .sort()
    .map((group) => {
      const members = [...new Set(groups[group])];
      const reports = members.map((id) => reportsBy.get(id) ?? 0);
      const completed = members.map(completedBy);
      return {
        group,
        members: members.length,
        reporters: reports.filter((n) => n > 0).length,
        solvers: completed.filter((n) => n > 0).length,
        reports: reports.reduce((a, b) => a + b, 0),
        tasksCompleted: completed.reduce((a, b) => a + b, 0),
      };
    });
  return {
    byGroup,
    withoutActivity: byGroup.filter((g) => g.reports + g.tasksCompleted === 0).map((g) => g.group),
  };
}

/**
 * Coverage for the period: reports, tasks and homes per area, with the areas nobody
 * reports from or lives in; activity per group of people, with the groups left out.
 */
export function coverageOf(
  facts: CircleFacts,
  period: Period,
  areas: readonly Area[],
  groups: Readonly<Record<string, readonly string[]>>,
) {
  const byGroup = groupCoverage(facts, period, groups);
  return {
    ...areaCoverage(facts, period, areas),
    byGroup: byGroup.byGroup,
    groupsWithoutActivity: byGroup.withoutActivity,
  };
}
