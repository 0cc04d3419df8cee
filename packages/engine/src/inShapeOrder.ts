/**
 * The fields of `input` that `shape` names, copied in the shape's order, as a zod
 * parse of an already valid value returns them (a key is copied when present, even
 * when its value is `undefined`). For records the engine builds from fields it has
 * validated: same value, same key order (and so the same object layout), no parse.
 */
export function inShapeOrder<TOut>(
  shape: Readonly<Record<string, unknown>>,
  input: Readonly<Record<string, unknown>>,
): TOut {
  const out: Record<string, unknown> = {};
  for (const key in shape) if (key in input) out[key] = input[key];
  return out as TOut;
}
