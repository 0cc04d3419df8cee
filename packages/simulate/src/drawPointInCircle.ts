import type { Position, Random } from '@quanzi/core';

const metersPerDegree = 111_320;

/**
 * A position drawn uniformly from the disc of `radiusMeters` around `center`
 * (a local flat approximation, exact enough at the scale of a district).
 */
export function drawPointInCircle(
  random: Random,
  center: Position,
  radiusMeters: number,
): Position {
  const distance = radiusMeters * Math.sqrt(random.next());
  const angle = 2 * Math.PI * random.next();
  const dLat = (distance * Math.sin(angle)) / metersPerDegree;
  const dLng =
    (distance * Math.cos(angle)) / (metersPerDegree * Math.cos((center[1] * Math.PI) / 180));
  return [center[0] + dLng, center[1] + dLat];
}
