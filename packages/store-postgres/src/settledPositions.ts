import type { StoreTables } from './storeTables';

// The advisory lock every append holds from before it takes positions until it ends,
// as (class, key) with both halves positive, as pg_locks shows them. The class is the
// store's; the key, the schema's, so stores in other schemas wait for their own appends.
const lockClass = 7710;
const lockKey = (t: StoreTables) => `(hashtext('${t.schema.replaceAll("'", "''")}') & 2147483647)`;

/** The SQLSTATE of `settled_position()` when appends stayed in flight past its wait. */
export const settleTimedOut = 'QZ504';

/**
 * Migration 12's script. Appends to different circles run at once, so a later position
 * may commit before an earlier one: a reader that read past the gap would never read the
 * earlier event (a subscription's checkpoint, an engine's position have moved on).
 *
 * - Every statement inserting events first takes the schema's advisory lock, shared,
 *   until its transaction ends: what is in flight shows in `pg_locks`.
 * - `settled_position()` reads the last position taken, then waits until every append
 *   holding the lock then has ended: every position up to the one it returns is then
 *   committed or never will be. It blocks no writer.
 *
 * A reader of the whole log whose page skips a position calls it and reads again up to
 * it; a filtered reader, which cannot see what it skipped, calls it before it reads.
 */
export function settledPositionsSql(t: StoreTables): string {
  const s = `"${t.schema}"`;
  const held = appendLockIn(t, 'l');
  return `
    CREATE FUNCTION ${s}.take_positions() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(${lockClass}, ${lockKey(t)});
      RETURN NULL;
    END
    $fn$;
    CREATE TRIGGER take_positions BEFORE INSERT ON ${t.events}
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.take_positions();
    CREATE FUNCTION ${s}.settled_position() RETURNS bigint LANGUAGE plpgsql AS $fn$
    DECLARE
      v_last bigint;
      v_holders text[];
    BEGIN
      v_last := coalesce(${lastPositionTaken(t)}, 0);
      -- Taken after the last position: an append that took one before holds the lock now.
      SELECT array_agg(l.virtualtransaction) INTO v_holders FROM pg_locks l
        WHERE ${held} AND l.granted AND l.pid <> pg_backend_pid();
      WHILE v_holders IS NOT NULL AND EXISTS (
        SELECT FROM pg_locks l WHERE ${held} AND l.virtualtransaction = ANY(v_holders)) LOOP
        PERFORM pg_sleep(0.001);
      END LOOP;
      RETURN v_last;
    END
    $fn$;
  `;
}

/**
 * Migration 13's script: `settled_position()` reads `pg_locks` once at most. That view
 * lists every lock of every connection, so reading it costs more the busier the server:
 * 7 ms with 150 connections in open transactions on the store's tables, against 0.35 ms
 * with none.
 *
 * - It first tries the lock itself, exclusive and without waiting, and lets it go at
 *   once (a writer arriving then waits microseconds). When it gets it, no append is in
 *   flight: it returns without reading `pg_locks`.
 * - Otherwise it reads the holders and their transaction ids from `pg_locks` once, and
 *   polls the ids' status, which costs the same however many locks there are. A holder
 *   that has no transaction id yet (it has written nothing) is watched in `pg_locks`.
 * - It waits 30 s at most (the setting `quanzi.settle_timeout_ms`), then fails with
 *   {@link settleTimedOut}: an append takes milliseconds, so a holder that long is a
 *   transaction left open, and a reader that says so beats one that hangs.
 */
export function settledOnceSql(t: StoreTables): string {
  return `
    CREATE OR REPLACE FUNCTION "${t.schema}".settled_position() RETURNS bigint
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_last bigint;
      v_xids bigint[];
      v_unnumbered text[];
      v_near bigint;
      v_wait_ms integer;
      v_until timestamptz;
    BEGIN
      v_last := coalesce(${lastPositionTaken(t)}, 0);
      v_wait_ms := coalesce(nullif(current_setting('quanzi.settle_timeout_ms', true), '')::integer, 30000);
      v_until := clock_timestamp() + v_wait_ms * interval '1 millisecond';
      IF pg_try_advisory_lock(${lockClass}, ${lockKey(t)}) THEN
        PERFORM pg_advisory_unlock(${lockClass}, ${lockKey(t)});
        RETURN v_last;
      END IF;
      -- Taken after the last position: an append that took one before holds the lock now.
      WITH l AS MATERIALIZED (SELECT * FROM pg_locks l
        WHERE ${appendLockIn(t, 'l')} OR l.locktype = 'transactionid')
      SELECT array_agg(x.transactionid::text::bigint) FILTER (WHERE x.transactionid IS NOT NULL),
             array_agg(h.virtualtransaction) FILTER (WHERE x.transactionid IS NULL)
        INTO v_xids, v_unnumbered
        FROM l h LEFT JOIN l x ON x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock'
             AND x.granted AND x.virtualtransaction = h.virtualtransaction
       WHERE ${appendLockIn(t, 'h')} AND h.granted AND h.pid <> pg_backend_pid();
      -- pg_locks shows 32-bit ids. An id in progress lies within 2^31 of any id the server
      -- handed out lately, such as its snapshot's horizon: widen each to 64 bits by that.
      v_near := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
      v_xids := ARRAY(SELECT v_near + ((x - (v_near & 4294967295)) % 4294967296 + 6442450944)
        % 4294967296 - 2147483648 FROM unnest(v_xids) x);
      WHILE EXISTS (SELECT FROM unnest(v_xids) x WHERE pg_xact_status(x::text::xid8) = 'in progress')
        OR v_unnumbered IS NOT NULL AND EXISTS (SELECT FROM pg_locks l
          WHERE ${appendLockIn(t, 'l')} AND l.virtualtransaction = ANY(v_unnumbered)) LOOP
        IF clock_timestamp() > v_until THEN
          RAISE EXCEPTION 'appends in flight for over % ms', v_wait_ms
            USING ERRCODE = '${settleTimedOut}';
        END IF;
        PERFORM pg_sleep(0.001);
      END LOOP;
      RETURN v_last;
    END
    $fn$;
  `;
}

/** The last position the events table's identity handed out, or null before the first. */
const lastPositionTaken = (t: StoreTables) => `pg_sequence_last_value(
        pg_get_serial_sequence('${t.events.replaceAll("'", "''")}', 'position')::regclass)`;

/** `pg_locks` rows (as `alias`) of the lock every append holds while in flight. */
const appendLockIn = (t: StoreTables, alias: string) =>
  `${alias}.locktype = 'advisory' AND ${alias}.classid = ${lockClass} AND ${alias}.objid = ${lockKey(t)}
          AND ${alias}.objsubid = 2`;
