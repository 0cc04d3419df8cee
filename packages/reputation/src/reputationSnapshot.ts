import { QuanziError } from '@quanzi/core';
import type { ReputationConfig } from './ReputationConfigSchema';
import type { ReputationState } from './reputationState';

// Maps and sets travel as tagged arrays, a map's keys and values in one flat list rather
// than a small list per entry (a city's tasks and reports make hundreds of thousands of
// them to read and drop on restart); the state holds no other non-JSON values.
const mapTag = '$map';
const setTag = '$set';

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { [mapTag]: [...value].flat(1) };
  if (value instanceof Set) return { [setTag]: [...value] };
  return value;
}

// Tagged maps and sets are rebuilt by one walk over the parsed tree, children first:
// twice as fast as a JSON.parse reviver, which calls back for every value.
function revive(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = revive(value[i]);
    return value;
  }
  const tagged = value as Record<string, unknown>;
  for (const key of Object.keys(tagged)) tagged[key] = revive(tagged[key]);
  const flat = tagged[mapTag];
  if (Array.isArray(flat)) {
    if (flat.length % 2 !== 0) throw new Error('a key without its value');
    const map = new Map();
    for (let i = 0; i + 1 < flat.length; i += 2) map.set(flat[i], flat[i + 1]);
    return map;
  }
  if (Array.isArray(tagged[setTag])) return new Set(tagged[setTag] as unknown[]);
  return value;
}

/** What a reputation snapshot holds: the folded state and the decisions overturned so far. */
export interface ReputationSnapshotContent {
  readonly state: ReputationState;
  readonly overturned: Set<string>;
}

/** The JSON text of a projection's state; the configuration is left out (the reader supplies it). */
export function encodeReputationSnapshot(
  state: ReputationState,
  overturned: ReadonlySet<string>,
): string {
  const { config: _config, ...rest } = state;
  return JSON.stringify({ format: 2, state: rest, overturned }, replacer);
}

function malformed(): QuanziError {
  return new QuanziError({
    code: 'invalid_input',
    path: ['snapshot'],
    message: {
      en: 'The reputation snapshot is malformed or of another format',
      'zh-CN': '信誉快照格式错误或格式版本不符',
    },
  });
}

const mapFields = ['participants', 'tasks', 'reporters', 'selfDealing'] as const;

/**
 * Reads what {@link encodeReputationSnapshot} wrote, under `config`. Text that is not
 * such a snapshot throws `invalid_input` (field `snapshot`).
 */
export function decodeReputationSnapshot(
  text: string,
  config: ReputationConfig,
): ReputationSnapshotContent {
  let parsed: unknown;
  try {
    parsed = revive(JSON.parse(text));
  } catch {
    throw malformed();
  }
  const content = parsed as {
    format?: unknown;
    state?: Record<string, unknown>;
    overturned?: unknown;
  };
  const state = content?.state;
  const shaped =
    content?.format === 2 &&
    typeof state === 'object' &&
    state !== null &&
    content.overturned instanceof Set &&
    mapFields.every((field) => state[field] instanceof Map) &&
    state.touched instanceof Set &&
    Array.isArray(state.secondOpinions) &&
    Array.isArray(state.levelChanges) &&
    typeof state.pairs === 'object' &&
    typeof state.pairTotals === 'object';
  if (!shaped) throw malformed();
  return {
    state: { ...(state as unknown as Omit<ReputationState, 'config'>), config },
    overturned: content.overturned as Set<string>,
  };
}
