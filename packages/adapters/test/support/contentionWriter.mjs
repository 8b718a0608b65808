// A writer process for PostgresContention.int.test.ts: `writers` connections of its own, each appending
// through the store's SQL function as PostgresEventStore.appendToStream does (one autocommitted statement).
// Driven over IPC: on {kind:'round', round, stream, expected, batches} every connection appends its batch at
// once, and the process answers {kind:'outcomes', round, outcomes} — per connection either
// {ok:true, events:[{id, position, revision}]} or {ok:false, code, message}. {kind:'stop'} closes it.
// Plain JavaScript on `pg`, so it starts fast and needs no TypeScript loader.
//
// Usage: fork('contentionWriter.mjs', ['<json>']) with { url, schema, writers }.
import pg from 'pg';

const { url, schema, writers } = JSON.parse(process.argv[2] ?? '{}');
if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema ${schema}`);

const clients = await Promise.all(
  Array.from({ length: writers }, async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }),
);

const append = async (client, stream, expected, events) => {
  try {
    const { rows } = await client.query(`SELECT "${schema}".append_events($1, $2, $3::jsonb) AS result`, [
      stream,
      expected,
      JSON.stringify(events),
    ]);
    return {
      ok: true,
      events: rows[0].result.events.map((e) => ({
        id: e.event_id,
        position: String(e.position),
        revision: String(e.stream_revision),
      })),
    };
  } catch (error) {
    return { ok: false, code: error?.code, message: error instanceof Error ? error.message : String(error) };
  }
};

process.on('message', async (message) => {
  if (message.kind === 'round') {
    const outcomes = await Promise.all(
      message.batches.map((events, i) => append(clients[i], message.stream, message.expected, events)),
    );
    process.send({ kind: 'outcomes', round: message.round, outcomes });
  } else if (message.kind === 'stop') {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    process.disconnect();
  }
});

process.send({ kind: 'ready' });
