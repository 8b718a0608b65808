/**
 * The outcomes of recent commands by stream and `commandId`, oldest forgotten first. It answers a repeated command
 * within this process, including one that was refused; across processes the stream itself answers (its
 * events carry the `commandId`).
 */
export class OutcomeCache {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly capacity: number) {}

  get<A>(commandId: string): A | undefined {
    return this.entries.get(commandId) as A | undefined;
  }

  clear(): void {
    this.entries.clear();
  }

  set(commandId: string, outcome: unknown): void {
    this.entries.delete(commandId);
    this.entries.set(commandId, outcome);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}
