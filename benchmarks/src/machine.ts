/** The machine a run was made on, written beside its figures: a number without its machine means little. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly ramGb: number;
  readonly node: string;
  readonly platform: string;
  readonly postgres: string | null;
  /** Load averages at the start (1, 5, 15 min): a busy machine's figures are lower and noisier. */
  readonly loadAverage: readonly number[];
}

export const describeMachine = (postgres: string | null): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  ramGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  postgres,
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
});
