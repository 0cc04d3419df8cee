// Snapshot records repeat the same keys, times, ids and category names many times over:
// as plain JSON a million-event snapshot is ~270 MB of text, and every copy of a
// repeated string becomes its own string in memory. This codec writes each distinct
// primitive and each distinct key list once per text, so the text is several times
// smaller and what it decodes to shares those strings.

/** A node of the encoded tree: a primitive's index, or `[shape, ...fields]` / `[-1, ...items]`. */
type Node = number | Node[];

const arrayTag = -1;
const emptyList: readonly never[] = Object.freeze([]);

/**
 * `value` (plain JSON data: objects, arrays, strings, numbers, booleans, null) as one
 * JSON text that {@link decodeCompactJson} reads back into an equal value. Like
 * `JSON.stringify`, object keys holding `undefined` are left out.
 */
export function encodeCompactJson(value: unknown): string {
  const primitives: unknown[] = [];
  const primitiveIndex = new Map<unknown, number>();
  const shapes: string[][] = [];
  const shapeIndex = new Map<string, number>();

  const primitive = (item: unknown) => {
    let index = primitiveIndex.get(item);
    if (index === undefined) {
      index = primitives.length;
      primitives.push(item);
      primitiveIndex.set(item, index);
    }
    return index;
  };
  const shape = (keys: string[]) => {
    const id = JSON.stringify(keys);
    let index = shapeIndex.get(id);
    if (index === undefined) {
      index = shapes.length;
      shapes.push(keys);
      shapeIndex.set(id, index);
    }
    return index;
  };

  function encode(item: unknown): Node {
    if (Array.isArray(item)) {
      const node: Node[] = [arrayTag];
      for (const element of item) node.push(encode(element ?? null));
      return node;
    }
    if (typeof item !== 'object' || item === null) return primitive(item);
    const keys: string[] = [];
    const fields: Node[] = [];
    for (const [key, field] of Object.entries(item)) {
      if (field === undefined) continue;
      keys.push(key);
      fields.push(encode(field));
    }
    return [shape(keys), ...fields];
  }

  const root = encode(value);
  return JSON.stringify([primitives, shapes, root]);
}

/**
 * Reads what {@link encodeCompactJson} wrote; throws on text that is not such an encoding.
 * Empty lists come back as one shared frozen list: the result is read-only data.
 */
export function decodeCompactJson(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('not a compact JSON text');
  const [primitives, shapes, root] = parsed as [unknown[], string[][], Node];
  if (!Array.isArray(primitives) || !Array.isArray(shapes))
    throw new Error('not a compact JSON text');

  // Objects are copied from one template per shape, then filled: they share the shape's
  // layout. Filling an empty object key by key would leave those with more than a dozen
  // fields as dictionaries, twice the memory and slower to read.
  const templates: Array<Record<string, null>> = [];
  const templateOf = (tag: number, keys: string[]) => {
    let template = templates[tag];
    if (!template) {
      // JSON.parse keeps "__proto__" an own field, as the original text did.
      template = JSON.parse(`{${keys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`);
      templates[tag] = template as Record<string, null>;
    }
    return template as Record<string, null>;
  };

  function decode(node: Node): unknown {
    if (typeof node === 'number') {
      const value = primitives[node];
      if (value === undefined) throw new Error(`primitive ${node} missing`);
      return value;
    }
    if (!Array.isArray(node)) throw new Error('not a compact JSON node');
    const tag = node[0];
    if (tag === arrayTag) {
      // Records hold a dozen empty lists each (steps, rewards, …) and never change them:
      // one frozen empty list serves them all.
      if (node.length === 1) return emptyList;
      const items = new Array<unknown>(node.length - 1);
      for (let i = 1; i < node.length; i += 1) items[i - 1] = decode(node[i] as Node);
      return items;
    }
    const keys = typeof tag === 'number' ? shapes[tag] : undefined;
    if (!keys || keys.length !== node.length - 1) throw new Error(`shape ${tag} missing`);
    const object: Record<string, unknown> = { ...templateOf(tag as number, keys) };
    for (let i = 0; i < keys.length; i += 1)
      object[keys[i] as string] = decode(node[i + 1] as Node);
    return object;
  }
  return decode(root);
}
