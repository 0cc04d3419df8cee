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

// Numbers in the node list are written without separators: zigzag (0, -1, 1, -2… as
// 0, 1, 2, 3…), then five bits per character, lowest first, the last character of a
// number from one run of 32 codes and the others from the next: most take one to three
// characters. Both runs ('0'..'O' and 'P'..'o') are printable ASCII.
const lastDigit = 48;
const moreDigit = 80;

function writeNumber(out: number[], n: number): void {
  let v = n < 0 ? -2 * n - 1 : 2 * n;
  while (v >= 32) {
    out.push(moreDigit + (v % 32));
    v = Math.floor(v / 32);
  }
  out.push(lastDigit + v);
}

/** A key list seen so far, as a path of keys: finding a shape again allocates nothing. */
interface ShapeTrie {
  readonly next: Map<string, ShapeTrie>;
  at: number | undefined;
}

const shapeTrie = (): ShapeTrie => ({ next: new Map(), at: undefined });

// Writing a snapshot encodes every record of a city's state at once: what this allocates
// per value is the peak memory of a running engine's periodic snapshot, so it walks keys
// without entry pairs or key lists, finds shapes without a key text, keeps the references
// of every node being written in one list, and makes a node's text in one call.
export function encodeCompactJson(value: unknown): string {
  const primitives: unknown[] = [];
  const shapes: string[][] = [];
  const nodes: string[] = [];
  const digits: number[] = [];
  const primitiveIndex = new Map<unknown, number>();
  const shapeRoot = shapeTrie();
  const nodeIndex = new Map<string, number>();

  function primitiveAt(item: unknown): Ref {
    let at = primitiveIndex.get(item);
    if (at === undefined) {
      at = primitives.length;
      primitives.push(item);
      primitiveIndex.set(item, at);
    }
    return at;
  }

  /** The index of the shape `trie` ends, listing `record`'s defined keys when it is new. */
  function shapeAt(trie: ShapeTrie, record: Record<string, unknown>): number {
    if (trie.at === undefined) {
      const keys: string[] = [];
      for (const key in record) if (record[key] !== undefined) keys.push(key);
      trie.at = shapes.length;
      shapes.push(keys);
    }
    return trie.at;
  }

  // The references of the nodes being written, innermost last: one list for all of them.
  const refs: Ref[] = [];

  function encode(item: unknown): Ref {
    const start = refs.length;
    if (Array.isArray(item)) {
      refs.push(arrayTag);
      for (let i = 0; i < item.length; i += 1) {
        const ref = encode(item[i] ?? null);
        refs.push(ref);
      }
    } else if (typeof item === 'object' && item !== null) {
      const record = item as Record<string, unknown>;
      let trie = shapeRoot;
      refs.push(0);
      // Records are plain data: `for…in` walks their own keys in `Object.keys` order
      // without making a list of them.
      for (const key in record) {
        const field = record[key];
        if (field === undefined) continue;
        let child = trie.next.get(key);
        if (child === undefined) {
          child = shapeTrie();
          trie.next.set(key, child);
        }
        trie = child;
        const ref = encode(field);
        refs.push(ref);
      }
      refs[start] = shapeAt(trie, record);
    } else return primitiveAt(item);
    // Equal composite values become one node: their children are already references.
    digits.length = 0;
    writeNumber(digits, refs.length - start);
    for (let i = start; i < refs.length; i += 1) writeNumber(digits, refs[i] as Ref);
    refs.length = start;
    let text = '';
    // A call takes a limited number of arguments: a long list is written in slices.
    if (digits.length <= 4096) text = String.fromCharCode.apply(null, digits);
    else
      for (let i = 0; i < digits.length; i += 4096)
        text += String.fromCharCode.apply(null, digits.slice(i, i + 4096));
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
  return `${JSON.stringify([primitives, shapes, root >= 0 ? 1 : 0])}\n${nodes.join('')}`;
}

const malformed = (detail: string) => new Error(`not a compact JSON text: ${detail}`);

/** Reads the numbers of `text` from `start`, one at a time (see {@link writeNumber}). */
function numberReader(text: string, start: number) {
  let at = start;
  return {
    get done() {
      return at >= text.length;
    },
    next(): number {
      let v = 0;
      let scale = 1;
      for (;;) {
        const c = text.charCodeAt(at);
        at += 1;
        if (c >= lastDigit && c < moreDigit) {
          v += (c - lastDigit) * scale;
          break;
        }
        // Seven characters are 35 bits, beyond any list a part holds.
        if (!(c >= moreDigit && c < moreDigit + 32) || scale > 32 ** 6)
          throw malformed('number expected');
        v += (c - moreDigit) * scale;
        scale *= 32;
      }
      return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
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

  // Objects of a shape come from JSON.parse, a batch at a time, then are filled: JSON.parse
  // lays every field out inside the object. A copy of one template per shape (`{...t}`)
  // sees dozens of shapes at one place in the code and falls back to objects with four
  // fields inside and the rest beside them, ~25 bytes more per record object; filling an
  // empty object key by key is worse (dictionaries). Batches double, from 4 to 256 objects,
  // so a rare shape does not make hundreds of objects to throw away.
  const pools: Array<Array<Record<string, unknown>>> = [];
  const batches: number[] = [];
  const fresh = (tag: number): Record<string, unknown> => {
    const made = pools[tag]?.pop();
    if (made) return made;
    const keys = shapes[tag];
    if (!Array.isArray(keys)) throw malformed(`shape ${tag} missing`);
    // JSON.parse keeps "__proto__" an own field, as the original text did.
    const one = `{${keys.map((key) => `${JSON.stringify(key)}:null`).join(',')}}`;
    const size = Math.min(256, 2 * (batches[tag] ?? 2));
    batches[tag] = size;
    const batch = JSON.parse(`[${new Array<string>(size).fill(one).join(',')}]`) as Array<
      Record<string, unknown>
    >;
    pools[tag] = batch;
    return batch.pop() as Record<string, unknown>;
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
      value = fresh(tag);
      for (let i = 0; i < keys.length; i += 1)
        value[keys[i] as string] = referenced(numbers.next());
    }
    built.push(value);
  }
  const root = built.at(-1);
  if (root === undefined) throw malformed('no nodes');
  return wrapped === 1 ? (root as unknown[])[0] : root;
}
