import type { Circle, ParticipantInput, Position, Random } from '@quanzi/core';

/** The district's centre (a Beijing street grid) and half its width in degrees. */
export const center: Position = [116.397, 39.909];
const half = 0.015;

/** Xinhua police district (新华警务区): model 1, a square of about 2.6 km. */
export const district: Circle = {
  id: 'police-district',
  name: { en: 'Xinhua police district', 'zh-CN': '新华警务区' },
  model: 'basic',
  review: 'pre_review',
  timezone: 'Asia/Shanghai',
  boundary: {
    type: 'Polygon',
    coordinates: [
      [
        [center[0] - half, center[1] - half],
        [center[0] + half, center[1] - half],
        [center[0] + half, center[1] + half],
        [center[0] - half, center[1] + half],
        [center[0] - half, center[1] - half],
      ],
    ],
  },
};

/** A random spot inside the district. */
export function spotIn(random: Random): Position {
  const lng = center[0] + (random.next() * 2 - 1) * half * 0.95;
  const lat = center[1] + (random.next() * 2 - 1) * half * 0.95;
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

// The qualified participants the article names, with what they are certified for.
// biome-ignore format: one row per group reads as a roster
const groups: Array<[prefix: string, count: number, role: ParticipantInput['roles'], qualifications: string[], name: string]> = [
  ['patrol', 6, ['patrol_member'], ['patrol'], '社保队员'],
  ['volunteer', 6, ['safety_volunteer'], ['patrol'], '平安志愿者'],
  ['activist', 3, ['security_activist'], ['patrol'], '治安积极分子'],
  ['traffic', 4, ['traffic_assistant'], ['traffic_assistance'], '交通协管员'],
  ['social', 3, ['social_worker'], ['social_work', 'mediation', 'data_collection'], '村居社工'],
  ['guard', 3, ['estate_guard'], [], '小区保安'],
  ['grid', 2, ['grid_worker'], ['data_collection'], '网格员'],
];

/** The auxiliary staff whose assessment the demo prints. */
export const auxiliaryRoles = new Set(groups.map(([, , roles]) => roles?.[0]));

/** Everybody in the circle: the center, two officers, upstream, two sensors, 27 qualified, 20 residents. */
export function roster(random: Random): ParticipantInput[] {
  const base = { circleId: district.id };
  const home = () => ({ type: 'Point' as const, coordinates: spotIn(random) });
  const issued = { issuer: 'Xinhua PSB training centre', issuedAt: '2026-01-15T00:00:00Z' };
  const qualified = groups.flatMap(([prefix, count, roles, qualifications, name]) =>
    Array.from({ length: count }, (_, i) => ({
      ...base,
      id: `${prefix}-${i + 1}`,
      kind: 'qualified' as const,
      displayName: `${name}${i + 1}`,
      roles,
      qualifications: qualifications.map((code) => ({ code, ...issued })),
      home: home(),
    })),
  );
  const residents = Array.from({ length: 20 }, (_, i) => ({
    ...base,
    id: `resident-${i + 1}`,
    kind: 'resident' as const,
    displayName: `居民${i + 1}`,
    home: home(),
    privacy: { anonymous: i % 4 === 0, contactable: true },
  }));
  return [
    {
      ...base,
      id: 'command',
      kind: 'command',
      displayName: '综合指挥室',
      roles: ['command_center'],
    },
    {
      ...base,
      id: 'officer-community',
      kind: 'officer',
      displayName: '社区民警 王',
      roles: ['community_officer'],
      home: home(),
    },
    {
      ...base,
      id: 'officer-security',
      kind: 'officer',
      displayName: '治安民警 李',
      roles: ['security_officer'],
      home: home(),
    },
    {
      ...base,
      id: 'upstream',
      kind: 'upstream',
      displayName: '市局警务中台',
      roles: ['upstream_platform'],
    },
    { ...base, id: 'camera-7', kind: 'sensor', displayName: '7 号摄像头', roles: ['sensor'] },
    { ...base, id: 'gate-2', kind: 'sensor', displayName: '2 号门禁', roles: ['sensor'] },
    ...qualified,
    ...residents,
  ];
}
