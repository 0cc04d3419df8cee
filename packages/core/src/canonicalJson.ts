/**
 * The RFC 8785 (JSON Canonicalization Scheme) text of a JSON value: keys sorted by
 * UTF-16 code units, no whitespace, numbers as ECMAScript writes them. Every hash
 * Quanzi computes over a value — audit-chain links, checkpoints, idempotency request
 * hashes — goes through this one function, so two processes (or two packages) never
 * disagree about the bytes of the same value. `undefined` members are left out, as
 * `JSON.stringify` does, and `undefined` array items written `null`. A cycle, or a
 * number that is not finite, throws.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  // Written out (it runs for every command and every audited event): byte for byte
  // json-canonicalize's text, without its per-member path strings, closures and WeakMap.
  return write(value, []);
}

// Member names repeat (every command has a `type`, every event a `subject`): their JSON
// text is kept, up to a bound, rather than written again for each member.
const quotedKeys = new Map<string, string>();
const quotedKeysLimit = 1024;

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < quotedKeysLimit) quotedKeys.set(key, text);
  }
  return text;
}

// Objects here have a handful of members: an insertion sort in place orders them by
// UTF-16 code units as `Array.prototype.sort` does, without its scratch copy per object.
function sortedInPlace(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j -= 1) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

function write(value: unknown, ancestors: object[]): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (
    value === null ||
    typeof value !== 'object' ||
    (value as { toJSON?: unknown }).toJSON != null
  ) {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error(`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`);
    // As a concatenation: a function or symbol member reads "undefined".
    return `${JSON.stringify(value)}`;
  }
  if (ancestors.includes(value)) throw new Error('Circular reference detected');
  ancestors.push(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    let next = false;
    for (let i = 0; i < value.length; i += 1) {
      // Holes are skipped, as `forEach` skips them.
      if (!(i in value)) continue;
      if (next) text += ',';
      next = true;
      const item: unknown = value[i];
      text += write(item === undefined ? null : item, ancestors);
    }
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = sortedInPlace(Object.keys(record));
    text = '{';
    let next = false;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      const member = record[key];
      if (member === undefined) continue;
      if (next) text += ',';
      next = true;
      text += `${quoted(key)}:${write(member, ancestors)}`;
    }
    text += '}';
  }
  ancestors.pop();
  return text;
}
