import {
  anchorOf,
  type Circle,
  IdSchema,
  type Position,
  QuanziError,
  type TaskGeometry,
} from '@quanzi/core';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import * as z from 'zod/mini';

/**
 * A category that another responsible body handles: reports of that category are
 * forwarded there (and the reporter sees where), instead of becoming tasks here.
 */
export const CategoryRouteSchema = z.strictObject({
  category: IdSchema,
  /** The responsible body, e.g. `城管执法局` or `district-water-utility`. */
  to: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Only in this circle; every circle when omitted. */
  circleId: z.optional(IdSchema),
});

/** One category route. */
export type CategoryRoute = z.infer<typeof CategoryRouteSchema>;

/** The circles of one engine, located by their boundaries. */
export interface CircleMap {
  readonly circles: ReadonlyArray<Circle>;
  /** The circle with this id, or a `not_found` error. */
  get(circleId: string): Circle;
  /** The first circle whose boundary contains `position`, if any. */
  at(position: Position): Circle | undefined;
  /**
   * The circle an item belongs to: the one whose boundary contains its location,
   * else `fallback` (the circle the sender named, or the sender's own).
   */
  home(location: TaskGeometry | undefined, fallback: string): Circle;
  /** Where a report of `category` in `circleId` must be forwarded, if anywhere. */
  routeOf(category: string | undefined, circleId: string): string | undefined;
}

function unknownCircle(circleId: string): QuanziError {
  return new QuanziError({
    code: 'not_found',
    path: ['circleId'],
    message: {
      en: `No circle "${circleId}" in this engine`,
      'zh-CN': `本引擎中没有圈子“${circleId}”`,
    },
  });
}

/**
 * Locates items in the circles of a multi-circle deployment: point-in-polygon on
 * each circle's boundary (with turf), and category routing to other bodies.
 *
 * @example
 * const map = createCircleMap([xinhua, dongcheng], [{ category: 'streetlight', to: 'lighting-bureau' }]);
 * map.at([116.40, 39.91])?.id; // 'xinhua'
 */
export function createCircleMap(
  circles: ReadonlyArray<Circle>,
  routes: ReadonlyArray<CategoryRoute> = [],
): CircleMap {
  const byId = new Map(circles.map((circle) => [circle.id, circle]));
  const bounded = circles.filter((circle) => circle.boundary !== undefined);

  const get = (circleId: string) => {
    const circle = byId.get(circleId);
    if (circle === undefined) throw unknownCircle(circleId);
    return circle;
  };
  const at = (position: Position) =>
    bounded.find((circle) =>
      booleanPointInPolygon(position, circle.boundary as NonNullable<Circle['boundary']>),
    );

  return {
    circles,
    get,
    at,
    home: (location, fallback) =>
      (location === undefined ? undefined : at(anchorOf(location))) ?? get(fallback),
    routeOf: (category, circleId) =>
      category === undefined
        ? undefined
        : routes.find(
            (route) =>
              route.category === category &&
              (route.circleId === undefined || route.circleId === circleId),
          )?.to,
  };
}
