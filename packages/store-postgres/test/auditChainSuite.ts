import { createManualClock, isQuanziError } from '@quanzi/core';
import { auditPublicKey, createAuditCheckpoint } from '@quanzi/core/audit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostgresEventStore } from '../src/index';
import type { StoreFactory } from './storeFixtures';
import { thing } from './testEvents';

const circles = ['xinhua', 'dongcheng'];
const perCircle = 6;

/** Six events in each of two circles, interleaved, some appended two at a time. */
async function fill(store: PostgresEventStore) {
  for (let i = 0; i < perCircle; i += 2)
    for (const circleId of circles)
      await store.append({
        circleId,
        expectations: [],
        events: [
          thing(`${circleId}-${i}`, `s/${circleId}`, circleId, { i }),
          thing(`${circleId}-${i + 1}`, `s/${circleId}`, circleId, { i: i + 1 }),
        ],
      });
}

type Tamper = { kind: string; circle: number; a: number; b: number };

/** Applies one tamper to circle `circles[circle]`; returns the chain entry where it must show. */
async function tamper(store: PostgresEventStore, t: Tamper): Promise<number> {
  const sql = (text: string, params: unknown[]) => store.driver.query(text, params);
  const circleId = circles[t.circle] ?? '';
  const [lo, hi] = [Math.min(t.a, t.b), Math.max(t.a, t.b) + (t.a === t.b ? 1 : 0)];
  const { events, auditLog } = store.tables;
  const nth = (param: string) =>
    `(SELECT position FROM ${events} WHERE circle_id = $1 ORDER BY position OFFSET ${param} LIMIT 1)`;
  switch (t.kind) {
    case 'edit_event':
      await sql(`UPDATE ${events} SET data = '{"i":-1}' WHERE position = ${nth('$2')}`, [
        circleId,
        lo - 1,
      ]);
      return lo;
    case 'edit_actor':
      await sql(`UPDATE ${events} SET actor = 'mallory' WHERE position = ${nth('$2')}`, [
        circleId,
        lo - 1,
      ]);
      return lo;
    case 'delete_event':
      await sql(`DELETE FROM ${events} WHERE position = ${nth('$2')}`, [circleId, lo - 1]);
      return lo;
    case 'swap_events':
      await sql(
        `UPDATE ${events} e SET event_id = o.event_id, data = o.data
           FROM ${events} o
          WHERE e.circle_id = $1 AND o.circle_id = $1 AND e.position <> o.position
            AND e.position IN (${nth('$2')}, ${nth('$3')}) AND o.position IN (${nth('$2')}, ${nth('$3')})`,
        [circleId, lo - 1, hi - 1],
      );
      return lo;
    case 'edit_entry':
      await sql(
        `UPDATE ${auditLog} SET entry = replace(entry, '"i":', '"i":1') WHERE circle_id = $1 AND seq = $2`,
        [circleId, lo],
      );
      return lo;
    case 'delete_entry':
      await sql(`DELETE FROM ${auditLog} WHERE circle_id = $1 AND seq = $2`, [circleId, lo]);
      return lo;
    case 'swap_entries':
      await sql(
        `UPDATE ${auditLog} a SET entry = o.entry, prev_hash = o.prev_hash, hash = o.hash, position = o.position
           FROM ${auditLog} o
          WHERE a.circle_id = $1 AND o.circle_id = $1 AND a.seq IN ($2, $3) AND o.seq IN ($2, $3) AND a.seq <> o.seq`,
        [circleId, lo, hi],
      );
      return lo;
    default: // truncate: drop the chain's tail and leave the head as it was
      await sql(`DELETE FROM ${auditLog} WHERE circle_id = $1 AND seq >= $2`, [circleId, lo]);
      return lo;
  }
}

// Fixed test keys: the host's signing key and someone else's.
const privateKey = '1f'.repeat(32);
const publicKey = await auditPublicKey(privateKey);
const otherKey = '2e'.repeat(32);
const clock = createManualClock('2026-12-05T09:00:00Z');

/**
 * What an attacker with write access does after editing history: recomputes every
 * link of the circle's chain in SQL (PostgreSQL's own `sha256`) and moves the head,
 * so that the plain chain is consistent again.
 */
async function rechain(store: PostgresEventStore, circleId: string) {
  const { auditLog, auditHeads } = store.tables;
  const link = (prev: string, entry: string) =>
    `encode(sha256(convert_to(${prev} || E'\\n' || ${entry}, 'UTF8')), 'hex')`;
  await store.driver.query(
    `WITH RECURSIVE c AS (
       SELECT seq, prev_hash AS prev, ${link('prev_hash', 'entry')} AS hash
         FROM ${auditLog} WHERE circle_id = $1 AND seq = 1
       UNION ALL
       SELECT a.seq, c.hash, ${link('c.hash', 'a.entry')}
         FROM ${auditLog} a JOIN c ON a.circle_id = $1 AND a.seq = c.seq + 1)
     UPDATE ${auditLog} a SET prev_hash = c.prev, hash = c.hash FROM c
      WHERE a.circle_id = $1 AND a.seq = c.seq`,
    [circleId],
  );
  await store.driver.query(
    `UPDATE ${auditHeads} h SET seq = a.seq, hash = a.hash FROM ${auditLog} a
      WHERE h.circle_id = $1 AND a.circle_id = $1
        AND a.seq = (SELECT max(seq) FROM ${auditLog} WHERE circle_id = $1)`,
    [circleId],
  );
}

/** Rewrites the actor of circle entry `seq` in the event and in its chain entry alike. */
async function rewriteActor(store: PostgresEventStore, circleId: string, seq: number) {
  const { events, auditLog } = store.tables;
  await store.driver.query(
    `WITH target AS (SELECT position FROM ${auditLog} WHERE circle_id = $1 AND seq = $2),
       e AS (UPDATE ${events} SET actor = 'mallory'
              WHERE circle_id = $1 AND position = (SELECT position FROM target))
     UPDATE ${auditLog} SET entry = replace(entry, '"actor":"p1"', '"actor":"mallory"')
      WHERE circle_id = $1 AND seq = $2`,
    [circleId, seq],
  );
  await rechain(store, circleId);
}

/** Cuts the circle's history after entry `keep`: events, entries and head, consistently. */
async function truncateAfter(store: PostgresEventStore, circleId: string, keep: number) {
  const { events, auditLog } = store.tables;
  await store.driver.query(
    `WITH cut AS (DELETE FROM ${auditLog} WHERE circle_id = $1 AND seq > $2 RETURNING position)
     DELETE FROM ${events} WHERE circle_id = $1 AND position IN (SELECT position FROM cut)`,
    [circleId, keep],
  );
  // An emptied chain has no head row at all, as if the circle never wrote.
  if (keep === 0)
    await store.driver.query(`DELETE FROM ${store.tables.auditHeads} WHERE circle_id = $1`, [
      circleId,
    ]);
  await rechain(store, circleId);
}

/** Runs the audit chain tests against stores from `factory` (called once the suite starts). */
export function describeAuditChainSuite(name: string, factory: () => StoreFactory): void {
  describe(`audit chain on ${name}`, () => {
    const create = () => factory().create();

    it('verifies an untouched log and reports its heads', async () => {
      const store = await create();
      await fill(store);
      expect(await store.verifyAudit()).toEqual({
        ok: true,
        circles: 2,
        entries: 12,
        checkpoint: false,
      });
      expect(await store.verifyAudit({ circleId: 'xinhua' })).toMatchObject({
        ok: true,
        circles: 1,
        entries: 6,
      });
      const heads = await store.auditHeads();
      expect(heads.map((h) => [h.circleId, h.seq])).toEqual([
        ['dongcheng', 6],
        ['xinhua', 6],
      ]);
      const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
      expect(checkpoint.heads).toEqual(heads);
      expect(await store.verifyAudit({ checkpoint, publicKey })).toEqual({
        ok: true,
        circles: 2,
        entries: 12,
        checkpoint: true,
      });
    });

    it('detects every random edit, deletion and reordering at the first bad entry', async () => {
      const tampers = fc.record({
        kind: fc.constantFrom(
          'edit_event',
          'edit_actor',
          'delete_event',
          'swap_events',
          'edit_entry',
          'delete_entry',
          'swap_entries',
          'truncate',
        ),
        circle: fc.integer({ min: 0, max: 1 }),
        a: fc.integer({ min: 1, max: perCircle }),
        b: fc.integer({ min: 1, max: perCircle - 1 }),
      });
      await fc.assert(
        fc.asyncProperty(tampers, async (t) => {
          const store = await create();
          await fill(store);
          const seq = await tamper(store, t);
          const result = await store.verifyAudit();
          expect(result).toMatchObject({ ok: false, circleId: circles[t.circle], seq });
          // The other circle's chain is untouched and still verifies on its own.
          expect(await store.verifyAudit({ circleId: circles[1 - t.circle] })).toMatchObject({
            ok: true,
          });
        }),
        { numRuns: 24, seed: 15 },
      );
    });

    it('catches history rewritten and re-chained in SQL only against a signed checkpoint', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: perCircle }), async (seq) => {
          const store = await create();
          await fill(store);
          const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
          await rewriteActor(store, 'xinhua', seq);
          expect((await store.readAll({ circleId: 'xinhua' }))[seq - 1]?.actor).toBe('mallory');
          // The plain chain is consistent again: without a checkpoint nothing shows.
          expect(await store.verifyAudit()).toMatchObject({ ok: true });
          // The checkpoint names only the head, so the rewrite shows there.
          expect(await store.verifyAudit({ checkpoint, publicKey })).toEqual({
            ok: false,
            circleId: 'xinhua',
            seq: perCircle,
            position: expect.any(Number),
            reason: 'checkpoint_mismatch',
          });
          expect(
            await store.verifyAudit({ checkpoint, publicKey, circleId: 'dongcheng' }),
          ).toMatchObject({ ok: true, checkpoint: true });
        }),
        { numRuns: 6, seed: 15 },
      );
    });

    it('catches a tail cut off below a signed checkpoint', async () => {
      for (const keep of [0, 3, perCircle - 1]) {
        const store = await create();
        await fill(store);
        const checkpoint = await createAuditCheckpoint(store, {
          privateKey,
          clock,
          circleId: 'xinhua',
        });
        await truncateAfter(store, 'xinhua', keep);
        expect(await store.readAll({ circleId: 'xinhua' })).toHaveLength(keep);
        expect(await store.verifyAudit()).toMatchObject({ ok: true });
        expect(await store.verifyAudit({ checkpoint, publicKey })).toEqual({
          ok: false,
          circleId: 'xinhua',
          seq: keep + 1,
          reason: 'truncated',
        });
      }
    });

    it('does not see a rewrite after the checkpoint, and accepts appends after it', async () => {
      const store = await create();
      await fill(store);
      const checkpoint = await createAuditCheckpoint(store, {
        privateKey,
        clock,
        circleId: 'xinhua',
      });
      await store.append({
        circleId: 'xinhua',
        expectations: [],
        events: [thing('xinhua-later', 's/xinhua', 'xinhua', { i: 7 })],
      });
      expect(await store.verifyAudit({ checkpoint, publicKey })).toMatchObject({ ok: true });
      // Entry 7 came after the checkpoint: rewriting and re-chaining it goes unnoticed
      // until the next checkpoint — the documented limit.
      await rewriteActor(store, 'xinhua', perCircle + 1);
      expect(await store.verifyAudit({ checkpoint, publicKey })).toMatchObject({ ok: true });
    });

    it('refuses a checkpoint signed by another key or altered after signing', async () => {
      const store = await create();
      await fill(store);
      const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
      expect(
        await store.verifyAudit({ checkpoint, publicKey: await auditPublicKey(otherKey) }),
      ).toEqual({
        ok: false,
        reason: 'wrong_key',
      });
      // An attacker lowers a head to hide a truncation but cannot re-sign.
      const lowered = {
        ...checkpoint,
        heads: checkpoint.heads.map((h) => ({ ...h, seq: h.seq - 1 })),
      };
      expect(await store.verifyAudit({ checkpoint: lowered, publicKey })).toEqual({
        ok: false,
        reason: 'signature_invalid',
      });
      // Signing with their own key under the host's key id does not help either.
      const forged = await createAuditCheckpoint(store, { privateKey: otherKey, clock });
      expect(
        await store.verifyAudit({ checkpoint: { ...forged, keyId: checkpoint.keyId }, publicKey }),
      ).toEqual({ ok: false, reason: 'signature_invalid' });
    });

    it('finds duplicated entries, positions and stream sequences', async () => {
      const run = async (sql: (t: PostgresEventStore['tables']) => string[]) => {
        const store = await create();
        await fill(store);
        for (const text of sql(store.tables)) await store.driver.query(text);
        return store.verifyAudit();
      };
      // Two writers extending one chain (issue #14): the key constraint is gone.
      expect(
        await run((t) => [
          `ALTER TABLE ${t.auditLog} DROP CONSTRAINT audit_log_pkey`,
          `INSERT INTO ${t.auditLog} SELECT * FROM ${t.auditLog} WHERE circle_id = 'xinhua' AND seq = 3`,
        ]),
      ).toMatchObject({ ok: false, circleId: 'xinhua', seq: 4, reason: 'duplicate_entry' });
      expect(
        await run((t) => [
          `ALTER TABLE ${t.events} DROP CONSTRAINT events_pkey`,
          `ALTER TABLE ${t.events} DROP CONSTRAINT events_circle_id_stream_id_sequence_key`,
          `INSERT INTO ${t.events} OVERRIDING SYSTEM VALUE
             SELECT * FROM ${t.events} WHERE circle_id = 'xinhua'
              ORDER BY position OFFSET 5 LIMIT 1`,
        ]),
      ).toMatchObject({ ok: false, circleId: 'xinhua', seq: 7, reason: 'duplicate_position' });
      // A stream sequence used twice, rewritten consistently in the entry and re-chained:
      // no checkpoint needed, the walk knows each stream's last sequence.
      const store = await create();
      await fill(store);
      await store.driver.query(
        `ALTER TABLE ${store.tables.events} DROP CONSTRAINT events_circle_id_stream_id_sequence_key`,
      );
      await store.driver.query(
        `UPDATE ${store.tables.events} SET sequence = 1 WHERE circle_id = 'xinhua' AND sequence = 2`,
      );
      await store.driver.query(
        `UPDATE ${store.tables.auditLog} SET entry = replace(entry, '"streamsequence":2', '"streamsequence":1')
          WHERE circle_id = 'xinhua' AND seq = 2`,
      );
      await rechain(store, 'xinhua');
      expect(await store.verifyAudit()).toMatchObject({
        ok: false,
        circleId: 'xinhua',
        seq: 2,
        reason: 'sequence_mismatch',
      });
    });

    it('rejects a malformed checkpoint or a missing key with a typed error', async () => {
      const store = await create();
      const errorOf = (options: Parameters<PostgresEventStore['verifyAudit']>[0]) =>
        store.verifyAudit(options).catch((e: unknown) => e);
      const checkpoint = await createAuditCheckpoint(store, { privateKey, clock });
      const malformed = await errorOf({
        checkpoint: { ...checkpoint, heads: [{ circleId: 'x', seq: -1, hash: 'nope' }] },
        publicKey,
      });
      expect(isQuanziError(malformed) && [malformed.code, malformed.path]).toEqual([
        'invalid_input',
        ['checkpoint', 'heads', 0, 'seq'],
      ]);
      const keyless = await errorOf({ checkpoint });
      expect(isQuanziError(keyless) && [keyless.code, keyless.path]).toEqual([
        'invalid_input',
        ['publicKey'],
      ]);
      const badKey = await errorOf({ checkpoint, publicKey: 'abc' });
      expect(isQuanziError(badKey) && badKey.path).toEqual(['publicKey']);
      const badCircle = await errorOf({ circleId: 'bad id!' });
      expect(isQuanziError(badCircle) && badCircle.path).toEqual(['circleId']);
    });
  });
}
