// Snapshot records repeat the same keys, times, ids and category names many times over,
// and often whole pieces (a task's counters, its source, a rating): as plain JSON a
// million-event snapshot is ~270 MB of text, and every copy becomes its own object or
// string in memory. This codec writes each distinct primitive, key list and composite
// value once per text, so the text is several times smaller and what it decodes to
// shares them (the records are read-only data, never changed in place).

/**
 * A reference in the encoded text: `n ≥ 0` is the primitive at `n`, `n < 0` the node at
 * `-1 - n`. A node is `[shape, ...fields]` for an object or `[-1, ...items]` for a list,
 * its fields and items references to primitives or earlier nodes.
 */
type Ref = number;

const arrayTag = -1;

/**
 * `value` (plain JSON data: objects, arrays, strings, numbers, booleans, null) as one
 * JSON text that {@link decodeCompactJson} reads back into an equal value. Like
 * `JSON.stringify`, object keys holding `undefined` are left out.
 */
export function encodeCompactJson(value: unknown): string {
  const primitives: unknown[] = [];
  const shapes: string[][] = [];
  const nodes: Ref[][] = [];
  const indexes = { primitive: new Map<unknown, number>(), shape: new Map<string, number>() };
  const nodeIndex = new Map<string, number>();

  const indexIn = <T>(list: T[], index: Map<unknown, number>, item: T, id: unknown = item) => {
    let at = index.get(id);
    if (at === undefined) {
      at = list.length;
      list.push(item);
      index.set(id, at);
    }
    return at;
  };

  function encode(item: unknown): Ref {
    let node: Ref[];
    if (Array.isArray(item)) {
      node = [arrayTag];
      for (const element of item) node.push(encode(element ?? null));
    } else if (typeof item === 'object' && item !== null) {
      const keys: string[] = [];
      node = [0];
      for (const [key, field] of Object.entries(item)) {
        if (field === undefined) continue;
        keys.push(key);
        node.push(encode(field));
      }
      node[0] = indexIn(shapes, indexes.shape, keys, JSON.stringify(keys));
    } else return indexIn(primitives, indexes.primitive, item);
    // Equal composite values become one node: their children are already references.
    return -1 - indexIn(nodes, nodeIndex as Map<unknown, number>, node, node.join(','));
  }

  const root = encode(value);
  return JSON.stringify([primitives, shapes, nodes, root]);
}

const malformed = (detail: string) => new Error(`not a compact JSON text: ${detail}`);

/**
 * Reads what {@link encodeCompactJson} wrote; throws on text that is not such an encoding.
 * Equal composite values come back as one shared object: the result is read-only data.
 */
export function decodeCompactJson(text: string): unknown {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 4) throw malformed('not four lists');
  const [primitives, shapes, nodes, root] = parsed as [unknown[], string[][], Ref[][], Ref];
  if (!Array.isArray(primitives) || !Array.isArray(shapes) || !Array.isArray(nodes))
    throw malformed('not four lists');

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

  const built: unknown[] = [];
  // `below`: a node refers only to nodes written before it, so no reference loops.
  function decode(ref: Ref, below: number): unknown {
    if (ref >= 0) {
      const value = primitives[ref];
      if (value === undefined) throw malformed(`primitive ${ref} missing`);
      return value;
    }
    const at = -1 - ref;
    const done = built[at];
    if (done !== undefined) return done;
    const node = at < below ? nodes[at] : undefined;
    if (!Array.isArray(node)) throw malformed(`node ${at} missing`);
    const tag = node[0];
    let value: unknown[] | Record<string, unknown>;
    if (tag === arrayTag) {
      value = new Array<unknown>(node.length - 1);
      for (let i = 1; i < node.length; i += 1) value[i - 1] = decode(node[i] as Ref, at);
    } else {
      const keys = typeof tag === 'number' ? shapes[tag] : undefined;
      if (!keys || keys.length !== node.length - 1) throw malformed(`shape ${tag} missing`);
      value = { ...templateOf(tag as number, keys) };
      for (let i = 0; i < keys.length; i += 1)
        value[keys[i] as string] = decode(node[i + 1] as Ref, at);
    }
    built[at] = value;
    return value;
  }
  return decode(root, nodes.length);
}
