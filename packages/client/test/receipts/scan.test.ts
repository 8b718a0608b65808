/**
 * The "done when" on the memory store: after anonymous submissions and follow-ups by callers whose
 * requests carry an address and a user agent, a scan of everything stored (events with their metadata,
 * snapshots, read-model documents) finds no receipt, address or user agent — nor a pepper or the signing
 * key. The control plants such values where a careless portal would put them, and the same scan finds each.
 */
import { describe, expect, it } from 'vitest';
import { everyEvent, on, setup } from '../fixtures/modules.js';
import {
  anonymousScenario,
  caughtUp,
  dumpStore,
  officeSecrets,
  plantSecrets,
  receiptRunner,
  receiptService,
  scan,
} from './support.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('receipts: a scan of the memory store', () => {
  it('finds no receipt, IP, user agent, pepper or key after anonymous submissions and follow-ups', async () => {
    const { client, store, time } = setup({ start: on('2026-03-04') });
    const secrets = officeSecrets();
    const receipts = receiptService(client, store, secrets, { clock: time.clock });
    const runner = receiptRunner(client);
    await runner.start();
    try {
      const result = await anonymousScenario(client, receipts, runner, secrets);
      const dumped = await dumpStore(store);

      // The dump covers what there is: the events, the receipt index and the public map.
      expect(dumped.filter((item) => item.where.startsWith('event '))).toHaveLength(9);
      expect(dumped.filter((item) => item.where.startsWith('read model receipt-index /'))).toHaveLength(3);
      expect(
        dumped.filter((item) => item.where.startsWith('read model reports-map /')).length,
      ).toBeGreaterThan(0);
      expect(scan(dumped, result.needles)).toEqual([]);

      // What the request options tried to smuggle into metadata did not get there: the anonymous commands
      // carry a fresh id, no causation, and the plain citizen actor.
      for (const event of await everyEvent(store)) {
        if (event.metadata.actor?.role !== 'citizen') continue;
        expect(event.metadata.commandId).toMatch(UUID_V7);
        expect(event.metadata.correlationId).toBe(event.metadata.commandId);
        expect(event.metadata.causationId).toBeUndefined();
        expect(event.metadata.actor).toEqual({ role: 'citizen' });
      }

      // The control: values planted where a careless portal would put them are each found, where they are.
      const { reportId } = await plantSecrets(client, store, result);
      await caughtUp(runner);
      const found = scan(await dumpStore(store), result.needles);
      expect(found).toEqual(
        expect.arrayContaining([
          { needle: 'IP 1', where: expect.stringMatching(/^event .* \(ReportSubmitted\)$/) as unknown },
          { needle: 'user agent 1', where: 'read model scan-control / planted' },
          { needle: 'receipt 1', where: `snapshot of ${reportId}` },
        ]),
      );
      expect(new Set(found.map((hit) => hit.needle))).toEqual(new Set(['IP 1', 'user agent 1', 'receipt 1']));
    } finally {
      await runner.stop();
    }
  });
});
