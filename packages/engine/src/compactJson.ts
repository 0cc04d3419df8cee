// Snapshot records repeat the same keys, times, ids and category names many times over,
// and often whole pieces (a task's counters, its source, a rating): as plain JSON a
// million-event snapshot is ~270 MB of text, and every copy becomes its own object or
// string in memory. This codec writes each distinct primitive, key list and composite
// value once per text, so the text is several times smaller and what it decodes to
// shares them (the records are read-only data, never changed in place).

/**
 * A reference in the encoded text: `n ≥ 0` is the primitive at `n`, `n < 0` the node at
 * `-1 - n`. A node is `shape, ...fields` for an object or `-1, ...items` for a list, its
 * fields and items references to primitives or earlier nodes; the last node is the value.
 */
type Ref = number;

const arrayTag = -1;
const radix = 36;

/**
 * `value` (plain JSON data: objects, arrays, strings, numbers, booleans, null) as one
 * text that {@link decodeCompactJson} reads back into an equal value. Like
 * `JSON.stringify`, object keys holding `undefined` are left out.
 *
 * The text is a JSON line `[primitives, shapes]`, then the nodes, each as its length
 * and its numbers, all in base 36 and separated by commas. The nodes are not JSON: the
 * reader scans them in order without building a list of them first, which was most of
 * what decoding a snapshot allocated only to throw away.
 */
export function encodeCompactJson(value: unknown): string {
  const primitives: unknown[] = [];
  const shapes: string[][] = [];
  const nodes: string[] = [];
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
    const text = `${node.length.toString(radix)},${node.map((ref) => ref.toString(radix)).join(',')}`;
    let at = nodeIndex.get(text);
    if (at === undefined) {
      at = nodes.length;
      nodes.push(text);
      nodeIndex.set(text, at);
    }
    return -1 - at;
  }

  const root = encode(value);
  // A primitive value is the one node `[-1, value]`'s only item.
  if (root >= 0) encode([value]);
  return `${JSON.stringify([primitives, shapes, root >= 0 ? 1 : 0])}\n${nodes.join(',')}`;
}

const malformed = (detail: string) => new Error(`not a compact JSON text: ${detail}`);

/** Reads the comma-separated base-36 integers of `text` from `start`, one at a time. */
function numberReader(text: string, start: number) {
  let at = start;
  return {
    get done() {
      return at >= text.length;
    },
    next(): number {
      let sign = 1;
      if (text.charCodeAt(at) === 45 /* - */) {
        sign = -1;
        at += 1;
      }
      let n = 0;
      const first = at;
      for (; at < text.length; at += 1) {
        const c = text.charCodeAt(at);
        // 0-9, then a-z.
        const digit = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 122 ? c - 87 : -1;
        if (digit < 0) break;
        n = n * radix + digit;
      }
      if (at === first || at - first > 10) throw malformed('number expected');
      if (at < text.length) {
        if (text.charCodeAt(at) !== 44 /* , */ || at === text.length - 1)
          throw malformed('comma expected');
        at += 1;
      }
      return sign * n;
    },
  };
}

/**
 * Reads what {@link encodeCompactJson} wrote; throws on text that is not such an encoding.
 * Equal composite values come back as one shared object: the result is read-only data.
 */
export function decodeCompactJson(text: string): unknown {
  const newline = text.indexOf('\n');
  if (newline < 0) throw malformed('no node list');
  const head = JSON.parse(text.slice(0, newline)) as unknown;
  if (!Array.isArray(head) || head.length !== 3) throw malformed('not two lists');
  const [primitives, shapes, wrapped] = head as [unknown[], string[][], unknown];
  if (!Array.isArray(primitives) || !Array.isArray(shapes) || (wrapped !== 0 && wrapped !== 1))
    throw malformed('not two lists');

  // Objects are copied from one template per shape, then filled: they share the shape's
  // layout. Filling an empty object key by key would leave those with more than a dozen
  // fields as dictionaries, twice the memory and slower to read.
  const templates: Array<Record<string, null>> = [];
  const templateOf = (tag: number) => {
    let template = templates[tag];
    if (!template) {
      const keys = shapes[tag];
      if (!Array.isArray(keys)) throw malformed(`shape ${tag} missing`);
      // JSON.parse keeps "__proto__" an own field, as the original text did.
      template = JSON.parse(`{${keys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`);
      templates[tag] = template as Record<string, null>;
    }
    return template as Record<string, null>;
  };

  // Each node refers only to primitives and nodes written before it: no reference loops.
  const built: unknown[] = [];
  const referenced = (ref: Ref) => {
    const value = ref >= 0 ? primitives[ref] : built[-1 - ref];
    if (value === undefined) throw malformed(`reference ${ref} missing`);
    return value;
  };
  const numbers = numberReader(text, newline + 1);
  while (!numbers.done) {
    const length = numbers.next();
    if (length < 1) throw malformed('node length');
    const tag = numbers.next();
    let value: unknown[] | Record<string, unknown>;
    if (tag === arrayTag) {
      value = new Array<unknown>(length - 1);
      for (let i = 0; i < length - 1; i += 1) value[i] = referenced(numbers.next());
    } else {
      const keys = shapes[tag];
      if (!keys || keys.length !== length - 1) throw malformed(`shape ${tag} missing`);
      value = { ...templateOf(tag) };
      for (let i = 0; i < keys.length; i += 1)
        value[keys[i] as string] = referenced(numbers.next());
    }
    built.push(value);
  }
  const root = built.at(-1);
  if (root === undefined) throw malformed('no nodes');
  return wrapped === 1 ? (root as unknown[])[0] : root;
}
