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
  {
    version: 4,
    name: 'append_events: no notification inside the transaction, a short answer, the id check when needed',
    sql: `
-- append_events: the append of version 1 (append_to_stream), with three costs removed. append_to_stream
-- stays as it was, so that a process of an earlier version still running against this schema keeps working
-- (its answers and its notifications unchanged) while the new ones move over.
-- What append_events leaves out:
-- * No pg_notify: a notification queued inside the transaction makes its commit take a lock that every
--   notifying transaction of the database shares, so committers went through one at a time. The store now
--   tells its listeners after the commit, from the client (see PostgresEventStore), at most one notification
--   in flight per process; subscribers also poll, so a notification that never comes only delays them.
-- * The answer of a new append carries what the caller does not know already (ids, positions, transaction,
--   revisions, time), not every stored column rendered as jsonb; a repeat still answers with the stored rows.
-- * The stored ids are looked up only when the batch could be a repeat: with an exact expected revision (or
--   no_stream) that holds, the batch cannot be stored in this stream after that revision. Should any of its
--   ids be stored anyway, the primary key refuses the insert, and the caller then asks
--   stored_batch_of (below) what the batch is: a repeat, a clash, or (the clashing append having rolled
--   back since) nothing, to try again.

-- What a batch whose ids may be stored is: NULL when none of them is; the stored rows (alreadyStored) for a
-- repeat that the expected revision accepts; otherwise it raises the refusal. p_current is the stream's
-- revision when the caller holds its lock, NULL to read it here.
CREATE FUNCTION {schema}.stored_batch_of(p_stream text, p_expected text, p_events jsonb, p_current bigint)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_ids uuid[];
  v_count integer;
  v_found integer;
  v_first bigint;
  v_repeat boolean;
  v_current bigint := p_current;
  v_clash uuid;
  v_result jsonb;
BEGIN
  v_ids := ARRAY(SELECT (e->>'id')::uuid FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord) ORDER BY ord);
  v_count := coalesce(array_length(v_ids, 1), 0);
  SELECT count(*) INTO v_found FROM {schema}.events WHERE event_id = ANY(v_ids);
  IF v_found = 0 THEN RETURN NULL; END IF;
  IF v_current IS NULL THEN
    SELECT coalesce((SELECT revision FROM {schema}.streams WHERE stream_name = p_stream), -1) INTO v_current;
  END IF;
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
END
$fn$;

CREATE FUNCTION {schema}.append_events(p_stream text, p_expected text, p_events jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
  v_count integer;
  v_current bigint;
  v_holds boolean;
  v_result jsonb;
BEGIN
  v_count := jsonb_array_length(p_events);

  FOR attempt IN 1..2 LOOP
    -- The stream's row is locked first, so the checks below see what the winner of a race committed.
    SELECT revision INTO v_current FROM {schema}.streams WHERE stream_name = p_stream FOR UPDATE;
    IF NOT FOUND THEN v_current := -1; END IF;

    v_holds := p_expected = 'any'
            OR (p_expected = 'no_stream' AND v_current = -1)
            OR (p_expected = 'stream_exists' AND v_current >= 0)
            OR (p_expected NOT IN ('any', 'stream_exists', 'no_stream') AND p_expected::bigint = v_current);

    -- A batch whose ids are stored is a repeat of that append (answered with what was stored) or a clash.
    IF NOT v_holds OR p_expected IN ('any', 'stream_exists') THEN
      v_result := {schema}.stored_batch_of(p_stream, p_expected, p_events, v_current);
      IF v_result IS NOT NULL THEN RETURN v_result; END IF;
    END IF;

    IF NOT v_holds THEN
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
    RETURNING event_id, position, transaction_id, stream_revision, recorded_at
  )
  SELECT jsonb_build_object('alreadyStored', false, 'events', jsonb_agg(jsonb_build_object('event_id', event_id, 'position', position::text, 'transaction_id', transaction_id::text, 'stream_revision', stream_revision::text, 'recorded_at', recorded_at) ORDER BY stream_revision))
    INTO v_result FROM inserted;
  RETURN v_result;
END
$fn$;
`,
  },
];
