// A writer process for PostgresNeverSkips.int.test.ts. It runs `lanes` loops, each on its own connection:
// BEGIN, append a batch of 1–3 events through the store's own SQL function (as PostgresEventStore does),
// wait a random few milliseconds (a JS timer or pg_sleep, so the transaction is still open while others
// draw later positions and commit), then COMMIT — or, `rollbackRatio` of the time, ROLLBACK. It reports on
// stdout, one JSON line each: {"kind":"committed"|"rolledBack","ids":[...]} once the server has answered the
// COMMIT or ROLLBACK, and a last {"kind":"done",...}. Between transactions it pauses up to maxDelayMs / 2. Plain JavaScript on `pg`, so it starts fast and needs
// no TypeScript loader.
//
// Usage: node neverSkipWriter.mjs '<json>' with { url, schema, writer, events, lanes, rollbackRatio, maxDelayMs }.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const config = JSON.parse(process.argv[2] ?? '{}');
const { url, schema, writer, events, lanes, rollbackRatio, maxDelayMs } = config;
if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema ${schema}`);

const report = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const randomInt = (min, max) => min + Math.floor(Math.random() * (max - min + 1));

const lane = async (laneIndex, quota) => {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  let committed = 0;
  let rolledBack = 0;
  let transactions = 0;
  try {
    while (committed < quota) {
      transactions += 1;
      const size = Math.min(randomInt(1, 3), quota - committed);
      const stream = `neverskip-KZ-71-w${writer}l${laneIndex}s${randomInt(0, 3)}`;
      const batch = Array.from({ length: size }, (_, i) => ({
        id: randomUUID(),
        type: 'Written',
        schemaVersion: 1,
        data: { writer, lane: laneIndex, transaction: transactions, index: i },
        metadata: { correlationId: `w${writer}-l${laneIndex}-t${transactions}` },
      }));
      const ids = batch.map((e) => e.id);
      await client.query('BEGIN');
      // Sometimes wait before the append too, so the order of BEGINs says nothing about the order of xids.
      if (Math.random() < 0.3) await sleep(randomInt(0, 3));
      await client.query(`SELECT "${schema}".append_events($1, $2, $3::jsonb) AS result`, [
        stream,
        'any',
        JSON.stringify(batch),
      ]);
      // The transaction stays open with its positions drawn while other writers draw later ones and commit.
      const delay = randomInt(0, maxDelayMs);
      if (Math.random() < 0.25) await client.query('SELECT pg_sleep($1)', [delay / 1000]);
      else await sleep(delay);
      if (Math.random() < rollbackRatio) {
        await client.query('ROLLBACK');
        rolledBack += size;
        report({ kind: 'rolledBack', ids });
      } else {
        await client.query('COMMIT');
        committed += size;
        report({ kind: 'committed', ids });
      }
      // A pause between transactions, as a real writer has, so the run lasts a while.
      await sleep(randomInt(0, Math.floor(maxDelayMs / 2)));
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  return { committed, rolledBack, transactions };
};

try {
  const quotas = Array.from(
    { length: lanes },
    (_, i) => Math.floor(events / lanes) + (i < events % lanes ? 1 : 0),
  );
  const results = await Promise.all(quotas.map((quota, i) => lane(i, quota)));
  report({
    kind: 'done',
    committed: results.reduce((n, r) => n + r.committed, 0),
    rolledBack: results.reduce((n, r) => n + r.rolledBack, 0),
    transactions: results.reduce((n, r) => n + r.transactions, 0),
  });
} catch (error) {
  process.stderr.write(`writer ${writer} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}
