import type { StoreTables } from './storeTables';
import { upsertTaskRowsSql } from './taskViewProjection';

/** SQLSTATEs `append_one` raises; the statement's rollback undoes whatever it did first. */
export const appendOneErrors = {
  /** A stream's version or the task view refused the append: `{ streamId, actualVersion }`. */
  conflict: 'QZ409',
  /** A task row changed since the client read it: fold again on a fresh read. */
  stale: 'QZ412',
  /** The idempotency key came with another request. */
  mismatch: 'QZ422',
  /** A new stream's id is taken in another circle: `{ streamId, circleId }`. */
  foreignStream: 'QZ400',
} as const;

/**
 * Migration 8's script: a revision on every task row (drawn from a sequence on each
 * write, so a cached row is current exactly when its revision still matches) and `append_one`, a whole append in one statement and so in one round trip
 * with no transaction held open across the network. In order, as the transaction
 * path does it: reserve the idempotency key (or report the earlier positions), lock
 * the task rows the client folded and check their revisions, write them, move each
 * stream forward under its expected version (sorted, so appends never wait in a
 * cycle), number the events in their streams and link them with `append_logged`.
 * The client sends each canonical audit entry in three parts, around the position
 * and the stream sequence, which only the database knows.
 */
export function appendOneFunctionSql(t: StoreTables): string {
  const s = `"${t.schema}"`;
  return `
    CREATE SEQUENCE ${s}.task_view_revision;
    ALTER TABLE ${t.taskView} ADD COLUMN revision bigint NOT NULL DEFAULT 0;
    ALTER TABLE ${t.taskView} ALTER COLUMN revision SET DEFAULT nextval('${s}.task_view_revision');
    -- Whoever writes a row (an append, a rebuild, an operator) moves its revision.
    CREATE FUNCTION ${s}.task_view_revised() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      NEW.revision := nextval('${s}.task_view_revision');
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER task_view_revised BEFORE UPDATE ON ${t.taskView}
      FOR EACH ROW EXECUTE FUNCTION ${s}.task_view_revised();
    CREATE FUNCTION ${s}.append_one(
      p_circle text, p_key text, p_hash text,
      p_streams text[], p_counts integer[], p_expected integer[],
      p_task_ids text[], p_revisions bigint[], p_rows jsonb, p_refused text,
      p_subjects text[], p_ids text[], p_types text[], p_sources text[], p_times text[],
      p_actors text[], p_keys text[], p_data text[],
      p_before text[], p_middle text[], p_after text[], p_genesis text,
      OUT o_replayed boolean, OUT o_positions bigint[], OUT o_sequences integer[],
      OUT o_circles text[], OUT o_tasks text[], OUT o_revisions bigint[])
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_prior record;
      v_locked integer;
      v_version integer;
      v_base integer[] := '{}';
      v_created text[] := '{}';
      v_foreign record;
      v_at integer;
      v_after text[] := '{}';
    BEGIN
      o_replayed := false;
      IF p_key IS NOT NULL THEN
        -- A concurrent request with the same key waits here until the first commits.
        INSERT INTO ${t.idempotencyKeys} (circle_id, key, request_hash)
          VALUES (p_circle, p_key, p_hash) ON CONFLICT (circle_id, key) DO NOTHING;
        IF NOT FOUND THEN
          SELECT k.request_hash, k.positions INTO v_prior FROM ${t.idempotencyKeys} k
            WHERE k.circle_id = p_circle AND k.key = p_key;
          IF v_prior.request_hash IS DISTINCT FROM p_hash THEN
            RAISE EXCEPTION 'idempotency key used with another request'
              USING ERRCODE = '${appendOneErrors.mismatch}';
          END IF;
          o_replayed := true;
          o_positions := v_prior.positions;
          RETURN;
        END IF;
      END IF;
      IF cardinality(p_task_ids) > 0 THEN
        -- A refusal writes nothing, so it needs the revisions to match but no lock.
        IF p_refused IS NULL THEN
          SELECT count(*) INTO v_locked FROM (
            SELECT FROM ${t.taskView} v
              JOIN unnest(p_task_ids, p_revisions) AS r(task_id, revision)
                ON v.task_id = r.task_id AND v.revision = r.revision
             WHERE v.circle_id = p_circle ORDER BY v.circle_id, v.task_id FOR UPDATE OF v) locked;
        ELSE
          SELECT count(*) INTO v_locked FROM ${t.taskView} v
            JOIN unnest(p_task_ids, p_revisions) AS r(task_id, revision)
              ON v.task_id = r.task_id AND v.revision = r.revision
           WHERE v.circle_id = p_circle;
        END IF;
        IF v_locked <> cardinality(p_task_ids) THEN
          RAISE EXCEPTION 'task row changed' USING ERRCODE = '${appendOneErrors.stale}';
        END IF;
      END IF;
      IF p_refused IS NOT NULL THEN
        SELECT version INTO v_version FROM ${t.streams}
          WHERE circle_id = p_circle AND stream_id = p_refused;
        RAISE EXCEPTION 'refused by the task view' USING ERRCODE = '${appendOneErrors.conflict}',
          DETAIL = json_build_object('streamId', p_refused, 'actualVersion', coalesce(v_version, 0))::text;
      END IF;
      IF p_rows IS NOT NULL THEN
        WITH written AS (${upsertTaskRowsSql(t, 'p_rows', 'jsonb')}
          RETURNING v.circle_id, v.task_id, v.revision)
        SELECT array_agg(w.circle_id), array_agg(w.task_id), array_agg(w.revision)
          INTO o_circles, o_tasks, o_revisions FROM written w;
      END IF;
      FOR i IN 1 .. cardinality(p_streams) LOOP
        IF p_expected[i] > 0 THEN
          UPDATE ${t.streams} SET version = version + p_counts[i]
            WHERE circle_id = p_circle AND stream_id = p_streams[i] AND version = p_expected[i]
            RETURNING version INTO v_version;
        ELSE
          INSERT INTO ${t.streams} AS s (circle_id, stream_id, version)
            VALUES (p_circle, p_streams[i], p_counts[i])
            ON CONFLICT (circle_id, stream_id) DO UPDATE SET version = s.version + excluded.version
              WHERE p_expected[i] IS NULL OR s.version = p_expected[i]
            RETURNING version INTO v_version;
        END IF;
        IF NOT FOUND THEN
          SELECT version INTO v_version FROM ${t.streams}
            WHERE circle_id = p_circle AND stream_id = p_streams[i];
          RAISE EXCEPTION 'stream moved' USING ERRCODE = '${appendOneErrors.conflict}',
            DETAIL = json_build_object('streamId', p_streams[i], 'actualVersion', coalesce(v_version, 0))::text;
        END IF;
        -- A new row holds exactly this append's count; a stream at version 0 counts too.
        IF coalesce(p_expected[i], 0) = 0 AND v_version = p_counts[i] THEN
          v_created := v_created || p_streams[i];
        END IF;
        v_base := v_base || (v_version - p_counts[i]);
      END LOOP;
      IF cardinality(v_created) > 0 THEN
        SELECT stream_id, circle_id INTO v_foreign FROM ${t.streams}
          WHERE stream_id = ANY(v_created) AND circle_id <> p_circle LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'stream of another circle' USING ERRCODE = '${appendOneErrors.foreignStream}',
            DETAIL = json_build_object('streamId', v_foreign.stream_id, 'circleId', v_foreign.circle_id)::text;
        END IF;
      END IF;
      o_sequences := '{}';
      FOR i IN 1 .. cardinality(p_ids) LOOP
        v_at := array_position(p_streams, p_subjects[i]);
        v_base[v_at] := v_base[v_at] + 1;
        o_sequences := o_sequences || v_base[v_at];
        v_after := v_after || (p_middle[i] || v_base[v_at]::text || p_after[i]);
      END LOOP;
      o_positions := ${s}.append_logged(p_circle, p_subjects, o_sequences, p_ids, p_types,
        p_sources, p_times, p_actors, p_keys, p_data, p_before, v_after, p_key, p_genesis);
    END
    $fn$;
  `;
}
