import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit';
import {
  type AuditEntry,
  canonicalJson,
  chainHash,
  createEvent,
  genesisHash,
  nextAuditEntry,
  type StoredEvent,
} from '../src/index';

/** `count` events of one circle over three streams, and their chain. */
function history(count: number) {
  const sequences = new Map<string, number>();
  const events: StoredEvent[] = Array.from({ length: count }, (_, i) => {
    const subject = `s/${i % 3}`;
    const sequence = (sequences.get(subject) ?? 0) + 1;
    sequences.set(subject, sequence);
    const event = createEvent({
      id: `e${i}`,
      type: 'test.thing.happened',
      time: '2026-12-05T08:00:00Z',
      subject,
      circleId: 'xinhua',
      actor: 'p1',
      data: { i },
    });
    return { ...event, streamsequence: sequence, position: 2 * i + 1 };
  });
  const entries: AuditEntry[] = [];
  let head = { seq: 0, hash: genesisHash };
  for (const event of events) {
    const entry = nextAuditEntry(head, event);
    entries.push(entry);
    head = entry;
  }
  return { events, entries, head };
}

const at = <T>(list: T[], i: number) => list[i] as T;

/** The chain as a store wrote it before `sequence` became `streamsequence`. */
function legacyChain(events: StoredEvent[]) {
  const entries: AuditEntry[] = [];
  let head = { seq: 0, hash: genesisHash };
  for (const { streamsequence, ...rest } of events) {
    const entry = canonicalJson({ ...rest, sequence: streamsequence });
    const next = {
      seq: head.seq + 1,
      position: rest.position,
      entry,
      prevHash: head.hash,
      hash: chainHash(head.hash, entry),
    };
    entries.push(next);
    head = next;
  }
  return { entries, head };
}

describe('verifyAuditChain', () => {
  it('still verifies a chain written when the stream number was called sequence, and its tampering', async () => {
    const { events } = history(6);
    const { entries, head } = legacyChain(events);
    expect(entries[0]?.entry).toContain('"sequence":1');
    expect(await verifyAuditChain({ circleId: 'xinhua', entries, events, head })).toBe(6);
    const edited = events.map((e, i) => (i === 3 ? { ...e, data: { i: 99 } } : e));
    expect(
      await verifyAuditChain({ circleId: 'xinhua', entries, events: edited, head }),
    ).toMatchObject({ ok: false, reason: 'event_mismatch', seq: 4 });
  });

  it('accepts an untouched chain and reports the first entry of any single change', async () => {
    const changes = fc.record({
      count: fc.integer({ min: 2, max: 12 }),
      pick: fc.nat(),
      kind: fc.constantFrom(
        'drop_entry',
        'duplicate_entry',
        'drop_event',
        'duplicate_event',
        'edit_event',
        'edit_entry',
      ),
    });
    await fc.assert(
      fc.asyncProperty(changes, async ({ count, pick, kind }) => {
        const { events, entries, head } = history(count);
        const input = { circleId: 'xinhua', events, entries, head };
        expect(await verifyAuditChain(input)).toBe(count);
        const i = pick % count;
        const e = [...events];
        const a = [...entries];
        const expected = {
          drop_entry: ['missing_entry', i + 1],
          duplicate_entry: ['duplicate_entry', i + 2],
          drop_event: ['event_missing', i + 1],
          duplicate_event: ['duplicate_position', i + 2],
          edit_event: ['event_mismatch', i + 1],
          edit_entry: ['hash_mismatch', i + 1],
        } as const;
        if (kind === 'drop_entry') a.splice(i, 1);
        if (kind === 'duplicate_entry') a.splice(i, 0, at(a, i));
        if (kind === 'drop_event') e.splice(i, 1);
        if (kind === 'duplicate_event') e.splice(i, 0, at(e, i));
        if (kind === 'edit_event') e[i] = { ...at(e, i), actor: 'mallory' };
        if (kind === 'edit_entry')
          a[i] = { ...at(a, i), entry: at(a, i).entry.replace('p1', 'px') };
        const [reason, seq] = expected[kind];
        // Dropping the last entry leaves a consistent but shorter chain: the head tells.
        const last = kind === 'drop_entry' && i === count - 1;
        expect(await verifyAuditChain({ ...input, events: e, entries: a })).toMatchObject(
          last ? { ok: false, reason: 'event_unlogged', seq } : { ok: false, reason, seq },
        );
      }),
      { numRuns: 200, seed: 15 },
    );
  });

  it('compares with a checkpoint head: truncated below it, rewritten at or before it', async () => {
    const { events, entries, head } = history(6);
    const mark = { circleId: 'xinhua', seq: 4, hash: at(entries, 3).hash };
    const input = { circleId: 'xinhua', events, entries, head, checkpoint: mark };
    expect(await verifyAuditChain(input)).toBe(6);
    const short = history(3);
    expect(await verifyAuditChain({ ...input, ...short })).toEqual({
      ok: false,
      circleId: 'xinhua',
      seq: 4,
      reason: 'truncated',
    });
    expect(
      await verifyAuditChain({ ...input, checkpoint: { ...mark, hash: genesisHash } }),
    ).toMatchObject({ ok: false, seq: 4, reason: 'checkpoint_mismatch' });
  });
});
