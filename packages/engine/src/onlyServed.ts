import { QuanziError } from '@quanzi/core';
import type { Command } from './commandSchemas';
import type { CircleMap } from './createCircleMap';
import type { Planned } from './PlanContext';
import type { ServedCircles } from './readServedEvents';

/** The split of `circles` into served and neighbouring ones; `undefined` when all are served. */
export function servedCirclesOf(
  serves: ReadonlyArray<string> | undefined,
  circles: CircleMap,
): ServedCircles | undefined {
  if (serves === undefined) return undefined;
  const known = new Set(circles.circles.map((circle) => circle.id));
  serves.forEach((circleId, i) => {
    if (!known.has(circleId))
      throw new QuanziError({
        code: 'invalid_input',
        path: ['serves', i],
        message: {
          en: `serves[${i}]: "${circleId}" is not one of the engine's circles`,
          'zh-CN': `serves[${i}]：“${circleId}”不在引擎的圈子中`,
        },
      });
  });
  const served = new Set(serves);
  return { served, neighbours: new Set([...known].filter((id) => !served.has(id))) };
}

/**
 * Keeps an engine to its own circles: a tick plans for the served circles only (the
 * neighbours' engines tick theirs), and any other command that would append to a
 * circle served elsewhere throws `unsupported` before anything is written.
 */
export function onlyServed(
  served: ServedCircles | undefined,
  command: Command,
  planned: Planned,
): Planned {
  if (served === undefined || !planned.ok) return planned;
  if (command.type === 'tick')
    return { ok: true, plans: planned.plans.filter((plan) => served.served.has(plan.circleId)) };
  const elsewhere = planned.plans.find((plan) => !served.served.has(plan.circleId));
  if (!elsewhere) return planned;
  const mine = [...served.served].join(', ');
  throw new QuanziError({
    code: 'unsupported',
    message: {
      en: `This engine serves ${mine}; circle "${elsewhere.circleId}" is served by another instance`,
      'zh-CN': `本实例负责 ${mine}；圈子“${elsewhere.circleId}”由其他实例负责`,
    },
  });
}
