import type { StoreTables } from './storeTables';

// The advisory lock every append holds from before it takes positions until it ends,
// as (class, key) with both halves positive, as pg_locks shows them. The class is the
// store's; the key, the schema's, so stores in other schemas wait for their own appends.
const lockClass = 7710;
const lockKey = (t: StoreTables) => `(hashtext('${t.schema.replaceAll("'", "''")}') & 2147483647)`;

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
    ${settledPositionBody(t, '')}
    $fn$;
  `;
}

/**
 * Migration 13's script: `settled_position()` first tries the lock itself, exclusive and
 * without waiting. When it gets it, no append is in flight, and it returns at once
 * without reading `pg_locks`: that view lists every lock of every connection, and
 * reading it cost 7 ms with 150 connections in open transactions against 0.35 ms with
 * none. It lets the lock go in the same breath, so a writer waits microseconds at most.
 */
export function settledFastPathSql(t: StoreTables): string {
  return `
    CREATE OR REPLACE FUNCTION "${t.schema}".settled_position() RETURNS bigint
    LANGUAGE plpgsql AS $fn$
    ${settledPositionBody(
      t,
      `IF pg_try_advisory_lock(${lockClass}, ${lockKey(t)}) THEN
        PERFORM pg_advisory_unlock(${lockClass}, ${lockKey(t)});
        RETURN v_last;
      END IF;`,
    )}
    $fn$;
  `;
}

/** The body of `settled_position()`, with `quiet` run after it read the last position taken. */
function settledPositionBody(t: StoreTables, quiet: string): string {
  const held = `l.locktype = 'advisory' AND l.classid = ${lockClass} AND l.objid = ${lockKey(t)}
          AND l.objsubid = 2`;
  return `DECLARE
      v_last bigint;
      v_holders text[];
    BEGIN
      v_last := coalesce(pg_sequence_last_value(
        pg_get_serial_sequence('${t.events.replaceAll("'", "''")}', 'position')::regclass), 0);${quiet ? `\n      ${quiet}` : ''}
      -- Taken after the last position: an append that took one before holds the lock now.
      SELECT array_agg(l.virtualtransaction) INTO v_holders FROM pg_locks l
        WHERE ${held} AND l.granted AND l.pid <> pg_backend_pid();
      WHILE v_holders IS NOT NULL AND EXISTS (
        SELECT FROM pg_locks l WHERE ${held} AND l.virtualtransaction = ANY(v_holders)) LOOP
        PERFORM pg_sleep(0.001);
      END LOOP;
      RETURN v_last;
    END`;
}
