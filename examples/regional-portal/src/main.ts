/**
 * The regional portal: the map of reports, the report form with receipts, the receipt-based follow-up page
 * and the statistics, over the Adal SDK on its embedded store (PGlite in `./.adal-portal`, or `ADAL_DIR`).
 * The first start seeds demo reports, cases and ratings; the projection runner runs in the process.
 *
 * Run it with `pnpm portal` from the repository's root; `PORT` (3000) and `HOST` (127.0.0.1) choose where
 * it listens.
 */
import * as E from 'fp-ts/lib/Either.js';
import { openPortal } from './openPortal.js';

const dir = process.env.ADAL_DIR ?? './.adal-portal';
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

console.log(`Opening the portal's store in ${dir} …`);
const opened = await openPortal({ dir });
if (E.isLeft(opened)) {
  console.error(`✗ ${opened.left}`);
  process.exit(1);
}
const portal = opened.right;
if (portal.seeded > 0) console.log(`A new store: seeded ${portal.seeded} demo commands.`);

try {
  const address = await portal.app.listen({ port, host });
  // Fastify gives the bound address; with PORT=0 it carries the port the system chose.
  console.log(`The regional portal is running at ${address.replace('127.0.0.1', 'localhost')}/`);
} catch (error) {
  console.error(
    `✗ could not listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`,
  );
  await portal.close();
  process.exit(1);
}

const stop = async () => {
  console.log('Stopping …');
  await portal.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
