/**
 * A map that keeps at least its `capacity` most recently used keys, and at most twice as many: the command
 * handler keeps two, the outcomes of recent commands by stream and `commandId` (a repeated command within
 * this process gets its first outcome, including a refusal; across processes the stream answers, its events
 * carry the `commandId`), and the latest state of recently used streams.
 *
 * Two generations instead of one ordered map: once the young one is full it becomes the old one and the
 * previous old one is dropped whole. Evicting one key at a time from the front of a `Map` leaves holes that
 * every later look for the oldest key walks past, which made a full map the most expensive part of a command.
 */
export class RecentMap<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const recent = this.young.get(key);
    if (recent !== undefined) return recent;
    const older = this.old.get(key);
    // Used again: moved to the young generation, so it outlives the old one.
    if (older !== undefined) this.set(key, older);
    return older;
  }

  delete(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  set(key: string, value: V): void {
    if (this.capacity <= 0) return;
    this.old.delete(key);
    this.young.set(key, value);
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}
