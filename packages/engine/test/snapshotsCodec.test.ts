import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCompactJson, encodeCompactJson } from '../src/compactJson';
import { decodeSnapshot } from '../src/engineSnapshot';
import { createEngine, createMemoryEventStore } from '../src/index';
import { circles, harness, policy, taskDraft } from './engineFixtures';
import { answers } from './snapshotFixtures';

// JSON data as snapshot records hold it, with the keys JSON treats specially.
const keyArb = fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', '0', '12', ''));
const dataArb = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 20 }),
  ),
})).value;

describe('the compact snapshot encoding', () => {
  it('reads back what JSON would (property)', () => {
    fc.assert(
      fc.property(dataArb, (value) => {
        const viaJson = JSON.parse(JSON.stringify(value) ?? 'null');
        const text = encodeCompactJson(value);
        const decoded = decodeCompactJson(text);
        // One JSON line, then the nodes: a raw line break inside a string would split it.
        expect(text.split('\n')).toHaveLength(2);
        expect(decoded).toEqual(viaJson);
        // Own fields, in the same order ("__proto__" included, never the prototype).
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(viaJson));
      }),
      { numRuns: 500, seed: 1414 },
    );
  });

  it('writes each repeated string, key list and value once, and reads back shared values', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({
      id: `t${i}`,
      category: 'shared_bike_parking',
      createdAt: '2026-11-30T17:20:00.000Z',
      claims: [{ claimantId: 'q1', claimedAt: '2026-11-30T17:20:00.000Z' }],
      steps: [],
    }));
    const text = encodeCompactJson(records);
    expect(text.split('shared_bike_parking').length - 1).toBe(1);
    expect(text.split('claimedAt').length - 1).toBe(1);
    expect(text.length * 3).toBeLessThan(JSON.stringify(records).length);
    const decoded = decodeCompactJson(text) as typeof records;
    expect(decoded).toEqual(records);
    expect(decoded[7]?.claims).toBe(decoded[42]?.claims);
    expect(decoded[7]?.steps).toBe(decoded[42]?.steps);
    expect(decoded[7]).not.toBe(decoded[42]);
  });

  it('refuses text that is not such an encoding', () => {
    // `410` is the node [-1, 0] (a list of primitive 0): its length 2, then -1 and 0, zigzagged.
    const texts = [
      '{}',
      '[[],[],0]',
      '[[],[],0]\n',
      '[["a"],[]]\n410',
      '[["a"],[],2]\n410',
      '[["a"],[],0]\n412',
      '[["a"],[["k"]],0]\n6000',
      // A node that refers to itself, one longer than the list, a number cut short, a letter.
      '[["a"],[],0]\n411',
      '[["a"],[],0]\n:10',
      '[["a"],[],0]\n410P',
      '[["a"],[],0]\n41x',
      'x',
    ];
    for (const text of texts) expect(() => decodeCompactJson(text)).toThrow();
    expect(decodeCompactJson('[["a"],[],0]\n410')).toEqual(['a']);
    expect(decodeCompactJson('[["a"],[],1]\n410')).toBe('a');
    // Numbers of several characters, both signs, and a list too long for one call's arguments.
    const long = Array.from({ length: 100_000 }, (_, i) => (i % 7 === 0 ? -i - 1 : `s${i % 5000}`));
    expect(decodeCompactJson(encodeCompactJson(long))).toEqual(long);
  });
});

describe('a snapshot in many parts', () => {
  it('is ignored when a part is missing, and the whole log is replayed', async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    for (let i = 0; i < 3; i += 1) await run('cmd', { type: 'task.create', task: taskDraft() });
    await engine.snapshot();
    const good = await memory.loadSnapshot?.('engine');
    if (!good) throw new Error('no snapshot');
    expect(good.parts.length).toBeGreaterThan(3);
    const expected = answers(engine, clock.now());
    for (let missing = 0; missing < good.parts.length; missing += 1) {
      await memory.saveSnapshot?.({ ...good, parts: good.parts.filter((_, i) => i !== missing) });
      const restarted = await createEngine({
        circles,
        policy,
        store: memory,
        clock,
        ids: { next: (kind) => `${kind}-again-${missing}` },
        snapshots: {},
      });
      expect(answers(restarted, clock.now())).toEqual(expected);
      // A good snapshot took its place.
      expect((await memory.loadSnapshot?.('engine'))?.parts).toEqual(good.parts);
    }
  });
});

describe('decoding a snapshot', () => {
  it("lets go of each record part's text as it goes, and leaves the store's copy whole", async () => {
    const memory = createMemoryEventStore();
    const { engine, clock, run } = await harness({ store: memory });
    for (let i = 0; i < 3; i += 1) await run('cmd', { type: 'task.create', task: taskDraft() });
    await engine.snapshot();
    const stored = await memory.loadSnapshot?.('engine');
    if (!stored) throw new Error('no snapshot');
    const kept = [...stored.parts];

    const parts = [...stored.parts];
    const { seed } = decodeSnapshot(parts);
    expect(seed.tasks).toHaveLength(3);
    expect(parts.slice(0, 2)).toEqual(kept.slice(0, 2));
    expect(parts.slice(2).every((part) => part === '')).toBe(true);

    for (let i = 0; i < 2; i += 1) {
      const restarted = await createEngine({
        circles,
        policy,
        store: memory,
        clock,
        ids: { next: (kind) => `${kind}-twice-${i}` },
        snapshots: {},
      });
      expect(restarted.getPrivilegedSnapshot().tasks).toHaveLength(3);
      expect((await memory.loadSnapshot?.('engine'))?.parts).toEqual(kept);
    }
  });
});
