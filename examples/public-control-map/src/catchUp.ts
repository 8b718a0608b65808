/**
 * Waits until the projection runner has applied every event stored so far, with a progress line: on a
 * store that earlier runs filled, the read models start from their checkpoints, so only the events since
 * then are applied.
 */
import type { ProjectionRunner } from '@adal/client';
import { count, fail, note, progress } from './narration.js';

const behind = async (runner: ProjectionRunner): Promise<{ behind: number; handled: number }> => {
  const statuses = await runner.status();
  let eventsBehind = 0;
  let handled = 0;
  for (const projection of statuses) {
    for (const generation of projection.generations) {
      if (generation.status !== 'live') continue;
      eventsBehind += generation.eventsBehind;
      handled += generation.eventsHandled;
    }
  }
  return { behind: eventsBehind, handled };
};

/** Waits for the runner to catch up, showing how many events (summed over the projections) are left. */
export const catchUp = async (runner: ProjectionRunner, label: string): Promise<void> => {
  const start = await behind(runner);
  const total = start.behind;
  if (total === 0) {
    const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 50_000 });
    if (caughtUp._tag === 'Left') fail('the projections', caughtUp.left);
    const statuses = await runner.status();
    note(`✓ ${statuses.length} projections are up to date: the runner applied each event as it was appended`);
    return;
  }
  const bar = progress(label, total);
  let polling = true;
  // The runner reports its lag; polling it every 100 ms is enough for a progress line and costs little.
  const poll = (async () => {
    while (polling) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!polling) break;
      const now = await behind(runner);
      bar.update(Math.max(0, total - now.behind));
    }
  })();
  const caughtUp = await runner.waitUntilCaughtUp({ timeoutMs: 50_000 });
  polling = false;
  await poll;
  if (caughtUp._tag === 'Left') fail('the projections', caughtUp.left);
  bar.done(total);
  const statuses = await runner.status();
  const after = await behind(runner);
  note(
    `✓ ${statuses.length} projections caught up (${count(total)} event applications); ` +
      `${count(after.handled)} applied since they were first built, ${after.behind} behind`,
  );
};
