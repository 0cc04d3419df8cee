import * as z from 'zod/mini';

/** A WGS84 position `[longitude, latitude]`, finite and in range. */
export const PositionSchema = z.tuple([
  z.number().check(z.gte(-180), z.lte(180)),
  z.number().check(z.gte(-90), z.lte(90)),
]);

/** A WGS84 position `[longitude, latitude]`. */
export type Position = z.infer<typeof PositionSchema>;

/** A GeoJSON Point: one spot (a parked bike, a patrol point). */
export const PointSchema = z.strictObject({
  type: z.literal('Point'),
  coordinates: PositionSchema,
});

/** A GeoJSON LineString: a patrol line. */
export const LineStringSchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(PositionSchema).check(z.minLength(2), z.maxLength(10_000)),
});

// An open ring is closed rather than rejected: JSON Schema cannot express
// "ends where it starts", and the published schema must accept exactly what zod does.
const ringSchema = z.pipe(
  z.array(PositionSchema).check(z.minLength(4), z.maxLength(100_000)),
  z.transform((ring): Position[] => {
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  }),
);

/** A GeoJSON Polygon: a patrol area or a circle's boundary. */
export const PolygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(ringSchema).check(z.minLength(1), z.maxLength(1000)),
});

/** A GeoJSON MultiPolygon, for boundaries made of several pieces. */
export const MultiPolygonSchema = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z
    .array(z.array(ringSchema).check(z.minLength(1), z.maxLength(1000)))
    .check(z.minLength(1), z.maxLength(1000)),
});

/** Where a task happens: a spot, a patrol line or a patrol area. */
export const TaskGeometrySchema = z.discriminatedUnion('type', [
  PointSchema,
  LineStringSchema,
  PolygonSchema,
]);

/** A circle's boundary. */
export const BoundarySchema = z.discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema]);

/** A GeoJSON Point. */
export type Point = z.infer<typeof PointSchema>;
/** A GeoJSON LineString. */
export type LineString = z.infer<typeof LineStringSchema>;
/** A GeoJSON Polygon. */
export type Polygon = z.infer<typeof PolygonSchema>;
/** A GeoJSON MultiPolygon. */
export type MultiPolygon = z.infer<typeof MultiPolygonSchema>;
/** A task's geometry: Point, LineString or Polygon. */
export type TaskGeometry = z.infer<typeof TaskGeometrySchema>;
/** A circle's boundary: Polygon or MultiPolygon. */
export type Boundary = z.infer<typeof BoundarySchema>;
