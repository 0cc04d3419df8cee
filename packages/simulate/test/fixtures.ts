import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, type Scenario, type ScenarioInput } from '@quanzi/simulate';

/** A shipped scenario file, loaded. */
export function shippedScenario(file: string): Scenario {
  const path = join(import.meta.dirname, '../../../examples/scenarios', file);
  return loadScenario(readFileSync(path, 'utf8'), { source: file });
}

/** A small extended-model circle with every behaviour switched on, quick to run. */
export const smallCircle: ScenarioInput = {
  name: 'Small circle',
  circle: {
    id: 'small',
    model: 'extended',
    review: 'pre_review',
    center: [116.4, 39.9],
    radiusMeters: 1500,
  },
  durationDays: 4,
  seeds: [11, 12],
  populations: [
    {
      id: 'resident',
      kind: 'resident',
      count: 80,
      behaviour: {
        participation: 0.03,
        pointsResponse: 0.3,
        levelResponse: 0.3,
        reportsPerDay: 0.3,
        maliciousShare: 0.2,
        colludingPairShare: 0.2,
        churnPerDay: 0.02,
        travelRadiusMeters: 1200,
      },
    },
    {
      id: 'patrol',
      kind: 'qualified',
      count: 30,
      roles: ['patrol_member'],
      qualifications: ['patrol'],
      behaviour: { participation: 0.05, skill: 0.6, skillSpread: 0.2 },
    },
  ],
  arrivals: [
    {
      category: 'shared_bike_parking',
      ratePerDay: 40,
      daily: [0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 2, 2, 2, 2, 2, 2, 3, 3, 2, 1, 1, 0, 0, 0],
      deadlineHours: 8,
    },
    { category: 'patrol_point', ratePerDay: 10, slots: 1, rewardPoints: 30 },
  ],
  lifecycle: { leaseMinutes: 180, leaseWarningMinutes: 30 },
  scheme: {
    credibilityWeighting: true,
    reputation: { halfLifeDays: 2, probation: { days: 0, minTasks: 0, maxLevel: 5 } },
  },
  policy: {
    version: 1,
    id: 'small',
    name: { en: 'Small', 'zh-CN': '小圈子' },
    model: 'extended',
    tiers: [
      {
        id: 'base',
        name: { en: 'Base', 'zh-CN': '基础' },
        minLevel: 0,
        radiusMeters: 1200,
        maxDifficulty: 2,
      },
      {
        id: 'senior',
        name: { en: 'Senior', 'zh-CN': '资深' },
        minLevel: 2,
        radiusMeters: 2000,
        maxDifficulty: 5,
      },
    ],
  },
};
