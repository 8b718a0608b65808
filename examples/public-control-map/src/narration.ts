/**
 * How the demo talks: a heading per step, indented lines under it, a progress line for the longer steps and
 * fixed-width tables for the read models. Everything goes to standard output, so the test reads what a person
 * reads.
 */

/** Starts a step of the story. */
export const say = (text: string): void => console.log(`\n▸ ${text}`);

/** A line under the current step. */
export const note = (text: string): void => console.log(`  ${text}`);

/** An English text as the domain's commands take it. */
export const en = (text: string) => ({ text, language: 'en' as const });

/** A whole number with thousands separators, the same on every machine. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** A count and its noun, in the singular for one: `plural(1, 'report')` is "1 report". */
export const plural = (n: number, noun: string): string => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/**
 * Stops the demo on a failure the story does not expect: the error's own message says what went wrong, so
 * it is printed as it is rather than thrown as a stack trace.
 */
export const fail = (what: string, error: { readonly message: string }): never => {
  console.error(`  ✗ ${what}: ${error.message}`);
  process.exit(1);
};

/** The refusal a command returned, as one line: its tag (the rule broken) and its sentence. */
export const refusal = (error: { readonly _tag: string; readonly message: string }): string =>
  `✗ refused: ${error._tag} — ${error.message.split('\n')[0] ?? ''}`;

/**
 * A progress line for a step that takes seconds. On a terminal it redraws one line in place; when the output
 * is a file or a pipe (a CI log, the test) it prints only the final line, so logs stay short.
 */
export const progress = (label: string, total: number) => {
  const started = Date.now();
  const live = process.stdout.isTTY;
  let shown = -1;
  const bar = (done: number) => {
    const share = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(share * 24);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `  ${label} [${'█'.repeat(filled)}${'░'.repeat(24 - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ${count(done)}/${count(total)}  ${seconds} s`;
  };
  return {
    update: (done: number) => {
      // Redrawing on every event would cost more than the work; a redraw per whole percent is smooth enough.
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (!live || percent === shown) return;
      shown = percent;
      process.stdout.write(`\r${bar(done)}`);
    },
    done: (done: number = total): number => {
      if (live) process.stdout.write('\r\x1b[2K');
      console.log(bar(done));
      return Date.now() - started;
    },
  };
};

/** A column of a table: its heading, and whether its cells line up on the right (numbers) or the left. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
}

/**
 * Prints rows as a fixed-width table with a rule under the headings, and a rule and a totals row when one
 * is given. Cells are text already: the caller decides how each figure reads.
 */
export const table = (
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  totals?: readonly string[],
): void => {
  const all = [columns.map((column) => column.heading), ...rows, ...(totals === undefined ? [] : [totals])];
  const widths = columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    '  ' +
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = '  ' + widths.map((width) => '─'.repeat(width)).join('  ');
  console.log(line(columns.map((column) => column.heading)));
  console.log(rule);
  for (const row of rows) console.log(line(row));
  if (totals !== undefined) {
    console.log(rule);
    console.log(line(totals));
  }
};
