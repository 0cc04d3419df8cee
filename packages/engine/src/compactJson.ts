// Snapshot records repeat the same keys, times, ids and category names many times over,
// and often whole pieces (a task's counters, its source, a rating): as plain JSON a
// million-event snapshot is ~270 MB of text, and every copy becomes its own object or
// string in memory. This codec writes each distinct primitive, key list and composite
// value once per text, so the text is several times smaller and what it decodes to
// shares them (the records are read-only data, never changed in place).

/**
 * A reference in the encoded text: `n ≥ 0` is the primitive at `n`, `n < 0` the node at
 * `-1 - n`. A node is `shape, ...fields` for an object or `-1, ...items` for a list, its
 * fields and items references to primitives or earlier nodes. Nodes are written one after
 * another into one flat list of numbers, each after its length: one list to parse, not
 * one per node, which is most of what decoding would otherwise allocate and throw away.
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
  const nodes: Ref[] = [];
  let nodeCount = 0;
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
    const id = node.join(',');
    let at = nodeIndex.get(id);
    if (at === undefined) {
      at = nodeCount;
      nodeCount += 1;
      nodes.push(node.length, ...node);
      nodeIndex.set(id, at);
    }
    return -1 - at;
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
  const [primitives, shapes, nodes, root] = parsed as [unknown[], string[][], Ref[], Ref];
  if (!Array.isArray(primitives) || !Array.isArray(shapes) || !Array.isArray(nodes))
    throw malformed('not four lists');
  // Where each node starts (its first field, after its length).
  const starts: number[] = [];
  for (let at = 0; at < nodes.length; at += 1 + (nodes[at] as number)) {
    const length = nodes[at];
    if (!Number.isSafeInteger(length) || (length as number) < 1) throw malformed('node length');
    starts.push(at + 1);
  }

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
    const start = at < below ? starts[at] : undefined;
    if (start === undefined) throw malformed(`node ${at} missing`);
    const end = start + (nodes[start - 1] as number);
    if (end > nodes.length) throw malformed(`node ${at} cut short`);
    const tag = nodes[start];
    let value: unknown[] | Record<string, unknown>;
    if (tag === arrayTag) {
      value = new Array<unknown>(end - start - 1);
      for (let i = start + 1; i < end; i += 1) value[i - start - 1] = decode(nodes[i] as Ref, at);
    } else {
      const keys = typeof tag === 'number' ? shapes[tag] : undefined;
      if (!keys || keys.length !== end - start - 1) throw malformed(`shape ${tag} missing`);
      value = { ...templateOf(tag as number, keys) };
      for (let i = 0; i < keys.length; i += 1)
        value[keys[i] as string] = decode(nodes[start + 1 + i] as Ref, at);
    }
    built[at] = value;
    return value;
  }
  return decode(root, starts.length);
}
