import type { StoreTables } from './storeTables';

/**
 * Migration 5's script: `append_logged`, one server-side call for what an append does
 * under its circle's audit head. It locks the head, inserts the events (taking their
 * positions only now, so positions within a circle follow commit order), links each
 * into the chain with PostgreSQL's own `sha256` (the same `prevHash + "\n" + entry`
 * as core's `chainHash`), moves the head and records the positions under the
 * idempotency key. The client sends each event's canonical entry as the text before
 * and after its position, which only the database knows.
 */
export function appendLoggedFunctionSql(t: StoreTables): string {
  return `
    CREATE FUNCTION "${t.schema}".append_logged(
      p_circle text, p_streams text[], p_sequences integer[], p_ids text[], p_types text[],
      p_sources text[], p_times text[], p_actors text[], p_keys text[], p_data text[],
      p_before text[], p_after text[], p_key text, p_genesis text)
    RETURNS bigint[] LANGUAGE plpgsql AS $fn$
    DECLARE
      v_seq bigint;
      v_hash text;
      v_position bigint;
      v_entry text;
      v_next text;
      v_positions bigint[] := '{}';
    BEGIN
      INSERT INTO ${t.auditHeads} AS h (circle_id, seq, hash) VALUES (p_circle, 0, p_genesis)
        ON CONFLICT (circle_id) DO UPDATE SET seq = h.seq
        RETURNING h.seq, h.hash INTO v_seq, v_hash;
      FOR i IN 1 .. coalesce(cardinality(p_ids), 0) LOOP
        INSERT INTO ${t.events} (circle_id, stream_id, sequence, event_id, type, source, time,
                                 actor, idempotency_key, data)
          VALUES (p_circle, p_streams[i], p_sequences[i], p_ids[i], p_types[i], p_sources[i],
                  p_times[i], p_actors[i], p_keys[i], p_data[i]::json)
          RETURNING position INTO v_position;
        v_entry := p_before[i] || v_position::text || p_after[i];
        v_next := encode(sha256(convert_to(v_hash || E'\\n' || v_entry, 'UTF8')), 'hex');
        v_seq := v_seq + 1;
        INSERT INTO ${t.auditLog} (circle_id, seq, position, entry, prev_hash, hash)
          VALUES (p_circle, v_seq, v_position, v_entry, v_hash, v_next);
        v_hash := v_next;
        v_positions := v_positions || v_position;
      END LOOP;
      UPDATE ${t.auditHeads} SET seq = v_seq, hash = v_hash WHERE circle_id = p_circle;
      UPDATE ${t.idempotencyKeys} SET positions = v_positions
        WHERE circle_id = p_circle AND key = p_key;
      RETURN v_positions;
    END
    $fn$;
  `;
}
