/**
 * A number with thousands separators, as the CLI prints counts (`1,290`).
 *
 * @category cli
 * @since 0.1.0
 */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/**
 * Lays out rows as a plain-text table: the first column left-aligned, the others right-aligned (they hold
 * figures), columns two spaces apart, a rule under the header.
 *
 * @category cli
 * @since 0.1.0
 */
export const textTable = (header: readonly string[], rows: readonly (readonly string[])[]): string => {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const pad = (widths[column] ?? 0) - [...cell].length;
        return column === 0 ? cell + ' '.repeat(pad) : ' '.repeat(pad) + cell;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
};
