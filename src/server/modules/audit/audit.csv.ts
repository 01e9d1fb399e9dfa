/**
 * CSV as spreadsheets read it (RFC 4180): every cell quoted, quotes doubled, lines ending CRLF.
 * A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) is prefixed with an apostrophe, so a client named "=HYPERLINK(…)" stays text.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Spreadsheet programs read a file as UTF-8 (names with accents intact) when it starts with a byte-order mark. */
export const utf8Bom = '\uFEFF';
