import type { CliIo } from './CliIo.js';
import { formatCount } from './textTable.js';

/**
 * Where a long job stands: how many events are done out of how many (the total may grow while it runs).
 *
 * @category cli
 * @since 0.1.0
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
}

/**
 * Shows the progress of a long job on stderr: on a terminal, a bar redrawn in place (percent, events/s,
 * time left); elsewhere (a log file, CI, a pipe), one plain line every `intervalMs`, so logs stay readable.
 *
 * @category cli
 * @since 0.1.0
 */
export interface ProgressBar {
  readonly update: (progress: Progress) => void;
  /** Draws the final state and ends the line. */
  readonly finish: (progress: Progress) => void;
}

/**
 * Creates a progress bar for a job named `label`.
 *
 * @category cli
 * @since 0.1.0
 */
export const progressBar = (
  io: Pick<CliIo, 'err' | 'errIsTty'>,
  options: { readonly label: string; readonly intervalMs?: number; readonly now?: () => number },
): ProgressBar => {
  const now = options.now ?? Date.now;
  const tty = io.errIsTty;
  // A terminal redraws cheaply; a log gets a line every few seconds, not hundreds.
  const interval = options.intervalMs ?? (tty ? 100 : 2000);
  const started = now();
  let first: number | undefined;
  let shownAt: number | undefined;
  const draw = (progress: Progress, final: boolean) => {
    const at = now();
    first ??= progress.done;
    if (!final && shownAt !== undefined && at - shownAt < interval) return;
    shownAt = at;
    const text = describeProgress(progress, {
      label: options.label,
      seconds: (at - started) / 1000,
      doneAtStart: first,
    });
    if (tty) io.err(`\r\x1b[2K${text.bar}${final ? '\n' : ''}`);
    else io.err(`${text.line}\n`);
  };
  return { update: (progress) => draw(progress, false), finish: (progress) => draw(progress, true) };
};

/**
 * The two renderings of a progress state: the bar for a terminal and the plain line for a log.
 *
 * @category cli
 * @since 0.1.0
 */
export const describeProgress = (
  progress: Progress,
  context: { readonly label: string; readonly seconds: number; readonly doneAtStart: number },
): { readonly bar: string; readonly line: string } => {
  const total = Math.max(progress.total, progress.done);
  const ratio = total === 0 ? 1 : progress.done / total;
  const percent = `${(Math.floor(ratio * 1000) / 10).toFixed(1)} %`;
  const rate = context.seconds > 0 ? (progress.done - context.doneAtStart) / context.seconds : 0;
  const left = total - progress.done;
  const eta = left === 0 ? '0s' : rate > 0 ? duration(left / rate) : '?';
  const counts = `${formatCount(progress.done)}/${formatCount(total)} events`;
  const speed = `${formatCount(Math.round(rate))} events/s`;
  const width = 24;
  const filled = Math.round(ratio * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  return {
    bar: `${context.label} ${bar} ${percent.padStart(7)}  ${counts}  ${speed}  ETA ${eta}`,
    line: `${context.label}: ${percent} (${counts}, ${speed}, ETA ${eta})`,
  };
};

/** Seconds as `42s`, `3m05s` or `1h02m`. */
const duration = (seconds: number): string => {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
};
