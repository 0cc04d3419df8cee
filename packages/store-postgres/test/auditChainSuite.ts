import { isQuanziError } from '@quanzi/core';
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

/** Runs the audit chain tests against stores from `factory` (called once the suite starts). */
export function describeAuditChainSuite(name: string, factory: () => StoreFactory): void {
  describe(`audit chain on ${name}`, () => {
    const create = () => factory().create();

    it('verifies an untouched log and exports its heads', async () => {
      const store = await create();
      await fill(store);
      expect(await store.verifyAudit()).toEqual({ ok: true, circles: 2, entries: 12 });
      expect(await store.verifyAudit('xinhua')).toEqual({ ok: true, circles: 1, entries: 6 });
      const checkpoint = await store.exportCheckpoint();
      expect(checkpoint.heads.map((h) => [h.circleId, h.seq])).toEqual([
        ['dongcheng', 6],
        ['xinhua', 6],
      ]);
      expect(await store.verifyAudit(undefined, checkpoint)).toMatchObject({ ok: true });
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
          expect(await store.verifyAudit(circles[1 - t.circle])).toMatchObject({ ok: true });
        }),
        { numRuns: 24 },
      );
    });

    it('catches a consistently rewritten history only against an earlier checkpoint', async () => {
      const store = await create();
      await fill(store);
      const checkpoint = await store.exportCheckpoint();
      // Rewrite xinhua's history: a second store re-hashes the edited events, and its
      // rows replace the originals — every link and the head are consistent again.
      const forged = await create();
      for (const { position: _p, sequence: _s, ...event } of await store.readAll({
        circleId: 'xinhua',
      }))
        await forged.append({
          circleId: 'xinhua',
          expectations: [],
          events: [{ ...event, data: { i: 99 } }],
        });
      const copy = async (table: 'events' | 'auditLog' | 'auditHeads', overriding = '') => {
        await store.driver.query(`DELETE FROM ${store.tables[table]} WHERE circle_id = 'xinhua'`);
        await store.driver.query(
          `INSERT INTO ${store.tables[table]} ${overriding} SELECT * FROM ${forged.tables[table]} WHERE circle_id = 'xinhua'`,
        );
      };
      await copy('events', 'OVERRIDING SYSTEM VALUE');
      await copy('auditLog');
      await copy('auditHeads');
      expect(await store.verifyAudit('xinhua')).toMatchObject({ ok: true });
      expect(await store.verifyAudit('xinhua', checkpoint)).toMatchObject({
        ok: false,
        reason: 'checkpoint_mismatch',
      });
    });

    it('rejects a malformed checkpoint with a typed error', async () => {
      const store = await create();
      const error = await store
        .verifyAudit(undefined, { heads: [{ circleId: 'x', seq: -1, hash: 'nope' }] })
        .catch((e: unknown) => e);
      expect(isQuanziError(error) && error.code).toBe('invalid_input');
    });
  });
}
