import { appendOneErrors } from './appendOneFunction';
import type { StoreTables } from './storeTables';
import { upsertTaskRowsSql } from './taskViewProjection';

/** Migration 10: the task view keeps `snapshot` and `terms` as `json`, and {@link appendOneSql}'s `append_one`. */
export function appendOneInlineSql(t: StoreTables, channel: string): string {
  const s = `"${t.schema}"`;
  return `
    ALTER TABLE ${t.taskView} ALTER COLUMN snapshot TYPE json USING snapshot::json,
      ALTER COLUMN terms TYPE json USING terms::json;
    DROP FUNCTION ${s}.append_one(text, text, text, text[], integer[], integer[], text[], bigint[],
      jsonb, text, text[], text[], text[], text[], text[], text[], text[], text[], text[], text[],
      text[], text);
    ${appendOneSql(t, channel)}
  `;
}

/**
 * `append_one` as it stands (migration 10 created it, 11 and 14 replaced it): the work
 * of migration 9's in fewer steps on the server.
 *
 * - It links the events into the audit chain itself, in the same statements as
 *   `append_logged` (which the transaction path still calls), so an append is one
 *   PL/pgSQL call instead of two, with the event arrays passed once.
 * - The task rows come as `json` (`p_rows`), and the view keeps `snapshot` and `terms`
 *   as `json`: PostgreSQL checks the text and stores it as sent, where `jsonb` parsed
 *   every row (about 1.2 KB of snapshot) into its binary form on every append and stored
 *   it larger. Nothing queries inside those columns; the store reads them whole.
 * - Its statements plan with `enable_seqscan = off`: each finds its rows by a key.
 * - (Migration 11) A task row that moved since the client read it, under a stream whose
 *   version the append expects and which moved too, is a lost race: it raises the
 *   conflict at once, where it used to raise `stale`, and the client read the row again
 *   and sent a second call only to be refused.
 * - (Migration 14) A task row may come with no revision, when the client has not seen
 *   it: the call then locks the row and answers the lost race at once, as above, or
 *   raises `stale` with the rows as they are in its `DETAIL`, so the client folds again
 *   without reading them first. A claim that lost its race costs one call, where the
 *   client used to read the row and then call. A stale row of any kind comes back the
 *   same way.
 * - (Migration 14) An expectation on a stream of another circle is refused as such
 *   (`foreignStream`), where it used to be a `conflict` with `actualVersion` 0.
 * - (Migration 14) A task is created once: a `quanzi.task.created` event must begin
 *   its stream, or the append is a `conflict` (`expectedVersion` 0). Without an
 *   expectation a second creation used to be appended, and it reset the task's row.
 *
 * The other arguments, the results and the SQLSTATEs stay those of migrations 8 and 9.
 */
export function appendOneSql(t: StoreTables, channel: string): string {
  const s = `"${t.schema}"`;
  return `
    CREATE OR REPLACE FUNCTION ${s}.append_one(
      p_circle text, p_key text, p_hash text,
      p_streams text[], p_counts integer[], p_expected integer[],
      p_task_ids text[], p_revisions bigint[], p_rows json, p_refused text,
      p_subjects text[], p_ids text[], p_types text[], p_sources text[], p_times text[],
      p_actors text[], p_keys text[], p_data text[],
      p_before text[], p_middle text[], p_after text[], p_genesis text,
      OUT o_replayed boolean, OUT o_positions bigint[], OUT o_sequences integer[],
      OUT o_circles text[], OUT o_tasks text[], OUT o_revisions bigint[])
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan SET enable_seqscan = off AS $fn$
    DECLARE
      v_prior record;
      v_version integer;
      v_base integer[] := '{}';
      v_created text[] := '{}';
      v_foreign record;
      v_at integer;
      v_seq bigint;
      v_hash text;
      v_position bigint;
      v_entry text;
      v_next text;
      v_moved record;
      v_revision bigint;
      v_stale boolean := false;
      v_recreated text;
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
      -- The client sorts the task ids, so two appends lock shared rows in one order.
      -- A refusal writes nothing, so it needs the revisions to match but no lock. A row
      -- the client has not seen comes with no revision; a missing row counts as -1.
      FOR i IN 1 .. coalesce(cardinality(p_task_ids), 0) LOOP
        IF p_refused IS NULL THEN
          SELECT v.revision INTO v_revision FROM ${t.taskView} v
            WHERE v.circle_id = p_circle AND v.task_id = p_task_ids[i] FOR UPDATE;
        ELSE
          SELECT v.revision INTO v_revision FROM ${t.taskView} v
            WHERE v.circle_id = p_circle AND v.task_id = p_task_ids[i];
        END IF;
        IF p_revisions[i] IS NULL OR coalesce(v_revision, -1) <> p_revisions[i] THEN
          v_stale := true;
        END IF;
      END LOOP;
      IF v_stale THEN
        SELECT e.stream_id, s.version INTO v_moved
          FROM unnest(p_streams, p_expected) AS e(stream_id, expected)
          JOIN ${t.streams} s ON s.circle_id = p_circle AND s.stream_id = e.stream_id
         WHERE s.version <> e.expected LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'stream moved' USING ERRCODE = '${appendOneErrors.conflict}',
            DETAIL = json_build_object('streamId', v_moved.stream_id, 'actualVersion', v_moved.version)::text;
        END IF;
        -- The rows as they are now, so the client folds again without reading them.
        RAISE EXCEPTION 'task row changed' USING ERRCODE = '${appendOneErrors.stale}',
          DETAIL = (SELECT coalesce(json_agg(json_build_object('revision', v.revision::text,
              'circle_id', v.circle_id, 'task_id', v.task_id, 'stream_id', v.stream_id,
              'snapshot', v.snapshot, 'terms', v.terms, 'category', v.category,
              'title', v.title, 'deadline', v.deadline)), '[]')
            FROM ${t.taskView} v WHERE v.circle_id = p_circle AND v.task_id = ANY(p_task_ids))::text;
      END IF;
      IF p_refused IS NOT NULL THEN
        SELECT version INTO v_version FROM ${t.streams}
          WHERE circle_id = p_circle AND stream_id = p_refused;
        RAISE EXCEPTION 'refused by the task view' USING ERRCODE = '${appendOneErrors.conflict}',
          DETAIL = json_build_object('streamId', p_refused, 'actualVersion', coalesce(v_version, 0))::text;
      END IF;
      IF p_rows IS NOT NULL THEN
        WITH written AS (${upsertTaskRowsSql(t, 'p_rows', 'json')}
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
          -- Not in this circle: an expectation on another circle's stream can never hold.
          IF NOT FOUND THEN
            SELECT stream_id, circle_id INTO v_foreign FROM ${t.streams}
              WHERE stream_id = p_streams[i] AND circle_id <> p_circle LIMIT 1;
            IF FOUND THEN
              RAISE EXCEPTION 'stream of another circle' USING ERRCODE = '${appendOneErrors.foreignStream}',
                DETAIL = json_build_object('streamId', v_foreign.stream_id, 'circleId', v_foreign.circle_id)::text;
            END IF;
          END IF;
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
      -- A task is created once: its created event begins its stream.
      SELECT e.subject INTO v_recreated FROM unnest(p_subjects, p_types) AS e(subject, kind)
        WHERE e.kind = 'quanzi.task.created' AND NOT e.subject = ANY(v_created) LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'task created again' USING ERRCODE = '${appendOneErrors.conflict}',
          DETAIL = json_build_object('streamId', v_recreated, 'expectedVersion', 0,
            'actualVersion', v_base[array_position(p_streams, v_recreated)])::text;
      END IF;
      -- As append_logged: positions are taken under the circle's audit head, so within a
      -- circle they follow commit order; the upsert only creates a circle's first head.
      SELECT h.seq, h.hash INTO v_seq, v_hash FROM ${t.auditHeads} h
        WHERE h.circle_id = p_circle FOR UPDATE;
      IF NOT FOUND THEN
        INSERT INTO ${t.auditHeads} AS h (circle_id, seq, hash) VALUES (p_circle, 0, p_genesis)
          ON CONFLICT (circle_id) DO UPDATE SET seq = h.seq
          RETURNING h.seq, h.hash INTO v_seq, v_hash;
      END IF;
      o_sequences := '{}';
      o_positions := '{}';
      FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
        v_at := array_position(p_streams, p_subjects[i]);
        v_base[v_at] := v_base[v_at] + 1;
        INSERT INTO ${t.events} (circle_id, stream_id, sequence, event_id, type, source, time,
                                 actor, idempotency_key, data)
          VALUES (p_circle, p_subjects[i], v_base[v_at], p_ids[i], p_types[i], p_sources[i],
                  p_times[i], p_actors[i], p_keys[i], p_data[i]::json)
          RETURNING position INTO v_position;
        v_entry := p_before[i] || v_position::text || p_middle[i] || v_base[v_at]::text || p_after[i];
        v_next := encode(sha256(convert_to(v_hash || E'\\n' || v_entry, 'UTF8')), 'hex');
        v_seq := v_seq + 1;
        INSERT INTO ${t.auditLog} (circle_id, seq, position, entry, prev_hash, hash)
          VALUES (p_circle, v_seq, v_position, v_entry, v_hash, v_next);
        v_hash := v_next;
        o_sequences := o_sequences || v_base[v_at];
        o_positions := o_positions || v_position;
      END LOOP;
      UPDATE ${t.auditHeads} SET seq = v_seq, hash = v_hash WHERE circle_id = p_circle;
      IF p_key IS NOT NULL THEN
        UPDATE ${t.idempotencyKeys} SET positions = o_positions
          WHERE circle_id = p_circle AND key = p_key;
      END IF;
      IF cardinality(o_positions) > 0 THEN
        PERFORM pg_notify('${channel}', p_circle);
      END IF;
    END
    $fn$;
  `;
}
