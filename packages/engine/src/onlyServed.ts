import { type EventStore, isQuanziError, QuanziError } from '@quanzi/core';
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
  throw servedElsewhere(served, elsewhere.circleId);
}

function servedElsewhere(served: ServedCircles, circleId: string): QuanziError {
  const mine = [...served.served].join(', ');
  return new QuanziError({
    code: 'unsupported',
    message: {
      en: `This engine serves ${mine}; circle "${circleId}" is served by another instance`,
      'zh-CN': `本实例负责 ${mine}；圈子“${circleId}”由其他实例负责`,
    },
  });
}

/**
 * What to throw for `error`, met running `command` on an engine serving some circles.
 * It does not load the participants and reports of other circles, so one of those is
 * `not_found` here: when the store holds it in a circle served elsewhere, the answer is
 * `unsupported`, which tells the caller to route the command to that circle's instance.
 */
export async function foundElsewhere(
  served: ServedCircles | undefined,
  store: EventStore,
  command: Command,
  error: unknown,
): Promise<unknown> {
  if (served === undefined || !isQuanziError(error) || error.code !== 'not_found') return error;
  const field = error.path[0];
  const id = (command as Record<string | number, unknown>)[field ?? ''];
  if (typeof id !== 'string') return error;
  const kind = field === 'reportId' ? 'report' : 'participant';
  const [first] = await store.readStream(`${kind}/${id}`);
  return first && !served.served.has(first.circleid)
    ? servedElsewhere(served, first.circleid)
    : error;
}
