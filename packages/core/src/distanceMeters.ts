import type { Position, TaskGeometry } from './geometry';

const earthRadiusMeters = 6_371_008.8;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * Great-circle (haversine) distance between two positions, in metres.
 *
 * @example
 * distanceMeters([116.397, 39.909], [116.407, 39.909]); // ≈ 854
 */
export function distanceMeters(a: Position, b: Position): number {
  return haversineMeters(a[0], a[1], b[0], b[1]);
}

/**
 * {@link distanceMeters} on bare coordinates, for spatial indexes that keep
 * longitudes and latitudes in typed arrays rather than one array per position.
 *
 * @example
 * haversineMeters(116.397, 39.909, 116.407, 39.909); // ≈ 854
 */
export function haversineMeters(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const dLat = toRadians(bLat - aLat);
  const dLng = toRadians(bLng - aLng);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(aLat)) * Math.cos(toRadians(bLat)) * Math.sin(dLng / 2) ** 2;
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The one position that stands for a geometry in distance checks and spatial
 * indexes: the point itself, or the mean of a line's or an outer ring's vertices.
 */
export function anchorOf(geometry: TaskGeometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  const vertices =
    geometry.type === 'LineString'
      ? geometry.coordinates
      : (geometry.coordinates[0] ?? []).slice(1);
  const sum = vertices.reduce((acc, [lng, lat]) => [acc[0] + lng, acc[1] + lat], [0, 0]);
  return [sum[0] / vertices.length, sum[1] / vertices.length];
}
