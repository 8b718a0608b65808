/**
 * The schema of the PostgreSQL adapter, as versioned migrations. One set of SQL serves node-postgres and
 * PGlite. Each migration runs once, in order, inside a transaction holding an advisory lock, so several
 * processes starting at once apply it once.
 *
 * `{schema}` is replaced by the (quoted) schema name the store was opened with.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events, streams, snapshots, checkpoints, documents',
    sql: `
CREATE TABLE {schema}.streams (
  stream_name text PRIMARY KEY,
  revision bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- position is a sequence: values commit out of order, so $all is ordered by (transaction_id, position)
-- and read only below the oldest transaction still running (see readAll).
CREATE TABLE {schema}.events (
  position bigserial NOT NULL,
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id uuid PRIMARY KEY,
  stream_name text NOT NULL,
  stream_revision bigint NOT NULL,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_name, stream_revision)
);
CREATE INDEX events_global_order ON {schema}.events (transaction_id, position);

CREATE TABLE {schema}.snapshots (
  stream_name text PRIMARY KEY,
  stream_revision bigint NOT NULL,
  version text NOT NULL,
  state jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE {schema}.checkpoints (
  subscription_id text PRIMARY KEY,
  position text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE {schema}.documents (
  collection text NOT NULL,
  id text NOT NULL,
  document jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);

-- One round trip per append: checks the expected revision (locking the stream's row), recognises a
-- repeated batch, inserts the events and moves the stream's revision, all in the caller's statement.
-- A refusal raises, so the statement leaves nothing behind; the expected revision is checked before any
-- position is drawn from the sequence, so a refused append burns none.
CREATE FUNCTION {schema}.append_to_stream(p_stream text, p_expected text, p_events jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_ids uuid[];
  v_count integer;
  v_found integer;
  v_first bigint;
  v_repeat boolean;
  v_current bigint;
  v_clash uuid;
  v_result jsonb;
BEGIN
  v_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord) ORDER BY ord);
  v_count := coalesce(array_length(v_ids, 1), 0);

  FOR attempt IN 1..2 LOOP
    -- The stream's row is locked first, so the checks below see what the winner of a race committed.
    SELECT revision INTO v_current FROM {schema}.streams WHERE stream_name = p_stream FOR UPDATE;
    IF NOT FOUND THEN v_current := -1; END IF;

    -- A batch whose ids are stored is a repeat of that append (answered with what was stored) or a clash.
    SELECT count(*) INTO v_found FROM {schema}.events WHERE event_id = ANY(v_ids);
    IF v_found > 0 THEN
      SELECT stream_revision INTO v_first FROM {schema}.events WHERE event_id = v_ids[1] AND stream_name = p_stream;
      SELECT bool_and(ev.stream_name = p_stream AND ev.stream_revision = v_first + x.ord - 1) INTO v_repeat
        FROM unnest(v_ids) WITH ORDINALITY AS x(id, ord) JOIN {schema}.events ev ON ev.event_id = x.id;
      IF v_found < v_count OR v_first IS NULL OR NOT coalesce(v_repeat, false) THEN
        SELECT x.id INTO v_clash FROM unnest(v_ids) AS x(id) JOIN {schema}.events ev ON ev.event_id = x.id LIMIT 1;
        RAISE EXCEPTION 'adal:duplicate_event_id:%', v_clash USING ERRCODE = 'P0001';
      END IF;
      IF NOT (p_expected IN ('any', 'stream_exists')
              OR (p_expected = 'no_stream' AND v_first = 0)
              OR (p_expected NOT IN ('any', 'stream_exists', 'no_stream') AND p_expected::bigint = v_first - 1)) THEN
        RAISE EXCEPTION 'adal:wrong_expected_revision:%', v_current USING ERRCODE = 'P0001';
      END IF;
      SELECT jsonb_build_object('alreadyStored', true, 'events', jsonb_agg(to_jsonb(ev) || jsonb_build_object('position', ev.position::text, 'stream_revision', ev.stream_revision::text) ORDER BY ev.stream_revision))
        INTO v_result FROM {schema}.events ev WHERE ev.event_id = ANY(v_ids);
      RETURN v_result;
    END IF;

    IF NOT (p_expected = 'any'
            OR (p_expected = 'no_stream' AND v_current = -1)
            OR (p_expected = 'stream_exists' AND v_current >= 0)
            OR (p_expected NOT IN ('any', 'stream_exists', 'no_stream') AND p_expected::bigint = v_current)) THEN
      RAISE EXCEPTION 'adal:wrong_expected_revision:%', v_current USING ERRCODE = 'P0001';
    END IF;

    IF v_current >= 0 THEN
      UPDATE {schema}.streams SET revision = v_current + v_count, updated_at = now() WHERE stream_name = p_stream;
      EXIT;
    END IF;
    -- A new stream: a concurrent creator holds the key until it commits; then this insert finds the
    -- conflict, and the checks run once more against what it committed.
    INSERT INTO {schema}.streams (stream_name, revision) VALUES (p_stream, v_count - 1)
      ON CONFLICT (stream_name) DO NOTHING;
    EXIT WHEN FOUND;
    IF attempt = 2 THEN
      RAISE EXCEPTION 'adal:wrong_expected_revision:%', v_current USING ERRCODE = 'P0001';
    END IF;
  END LOOP;

  WITH inserted AS (
    INSERT INTO {schema}.events (event_id, stream_name, stream_revision, type, schema_version, data, metadata)
    SELECT (e->>'id')::uuid, p_stream, v_current + x.ord, e->>'type', (e->>'schemaVersion')::integer, e->'data', e->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord)
     ORDER BY x.ord
    RETURNING *
  )
  SELECT jsonb_build_object('alreadyStored', false, 'events', jsonb_agg(to_jsonb(inserted) || jsonb_build_object('position', inserted.position::text, 'stream_revision', inserted.stream_revision::text) ORDER BY stream_revision))
    INTO v_result FROM inserted;
  PERFORM pg_notify({channel}, '');
  RETURN v_result;
END
$fn$;
`,
  },
  {
    version: 2,
    name: 'projections: generations with their checkpoint, and their documents',
    sql: `
DROP TABLE {schema}.documents;

-- One row per generation of a projection: 'live' serves queries, 'building' fills up during a rebuild,
-- 'retired' is a replaced generation about to be deleted. Generation numbers are never reused, so a
-- runner still holding an old generation cannot write into a new one.
CREATE TABLE {schema}.projections (
  name text NOT NULL,
  generation bigint GENERATED ALWAYS AS IDENTITY,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('live', 'building', 'retired')),
  position text COLLATE "C",
  events_handled bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, generation)
);
CREATE UNIQUE INDEX projections_one_live ON {schema}.projections (name) WHERE status = 'live';
CREATE UNIQUE INDEX projections_one_building ON {schema}.projections (name) WHERE status = 'building';

-- Ids compare byte by byte ("C"), so a prefix lists in the order every store uses, through the index.
CREATE TABLE {schema}.projection_documents (
  projection text NOT NULL,
  generation bigint NOT NULL,
  id text COLLATE "C" NOT NULL,
  document jsonb NOT NULL,
  PRIMARY KEY (projection, generation, id),
  FOREIGN KEY (projection, generation) REFERENCES {schema}.projections (name, generation) ON DELETE CASCADE
);
`,
  },
  {
    version: 3,
    name: 'subject keys: one AES-256 key per data subject, and tombstones of forgotten subjects',
    sql: `
-- One row per data subject: its key (32 bytes, or wrapped by the office's master key: wrapped_by names
-- which), or once the subject is forgotten a tombstone: no key, forgotten_at set. Tombstones are kept, so a
-- forgotten subject never gets a new key without anyone noticing. The table stands apart from the events so
-- that it can be backed up, and its backups expired, on a schedule of its own.
CREATE TABLE {schema}.subject_keys (
  subject text COLLATE "C" PRIMARY KEY,
  key bytea,
  wrapped_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  forgotten_at timestamptz,
  CHECK ((key IS NULL) = (forgotten_at IS NOT NULL)),
  CHECK (key IS NOT NULL OR wrapped_by IS NULL)
);

-- A tombstone never changes and no row is ever deleted: forgetting is an update that drops the key.
CREATE FUNCTION {schema}.subject_keys_keep_tombstones() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF OLD.forgotten_at IS NOT NULL THEN
    RAISE EXCEPTION 'adal:subject_forgotten:%', OLD.subject USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'adal:subject_key_kept:% (forget a subject by dropping its key, not its row)', OLD.subject USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$fn$;

CREATE TRIGGER subject_keys_keep_tombstones BEFORE UPDATE OR DELETE ON {schema}.subject_keys
  FOR EACH ROW EXECUTE FUNCTION {schema}.subject_keys_keep_tombstones();
`,
  },
];
