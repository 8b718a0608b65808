/**
 * A value as an error message shows it: as JSON where it can be, shortened to 60 characters, and never
 * throwing (JSON.stringify throws on bigints and cycles, which a bad input may well hold). Internal: not
 * exported from the package.
 *
 * @internal
 */
export const showValue = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
