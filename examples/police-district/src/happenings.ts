import type { Position, Random, TaskGeometry } from '@quanzi/core';

/** What can happen in the district, by source, with daily rates. */
export const rates = {
  upstreamDispatch: 1.5,
  residentReport: 5,
  qualifiedReport: 2,
  officerFinding: 1.5,
  sensorAlert: 1,
} as const;

// biome-ignore format: one line per kind of report
export const reportKinds: Array<{ category: string; text: string }> = [
  { category: 'vehicle_moving', text: '小区门口有车堵住消防通道，请帮忙挪车' },
  { category: 'utilities_help', text: '楼里停水两天了，独居老人需要帮助' },
  { category: 'civil_dispute_mediation', text: '邻居因为停车位争吵，需要调解' },
  { category: 'hazard_screening', text: '地下室堆放杂物，有火灾隐患' },
  { category: 'lost_property', text: '捡到一个钱包，请帮忙找到失主' },
  { category: 'traffic_guidance', text: '学校门口放学时段交通拥堵' },
  { category: 'noise', text: '夜间施工噪音扰民' },
];

/** Categories that upstream dispatches, officers find and sensors raise. */
export const upstreamCategories = [
  'patrol_area',
  'patrol_line',
  'population_info',
  'traffic_guidance',
];
export const officerCategories = [
  'hazard_screening',
  'security_info',
  'clue_screening',
  'patrol_point',
];

/** Categories the district does not handle itself: reports are forwarded there. */
export const routedElsewhere = { noise: 'District environment bureau / 区生态环境局' } as const;

/** Picks one element. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(0, items.length - 1)] as T;
}

/** Where a task of `category` happens: an area or a line for patrols, else a spot. */
export function geometryFor(category: string, at: Position): TaskGeometry {
  const d = 0.002;
  const [lng, lat] = at;
  if (category === 'patrol_area') {
    const ring: Position[] = [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ];
    return { type: 'Polygon', coordinates: [ring] };
  }
  if (category === 'patrol_line')
    return { type: 'LineString', coordinates: [at, [lng + d, lat + d / 2]] };
  return { type: 'Point', coordinates: at };
}
