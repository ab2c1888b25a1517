/**
 * Every CSV the app writes (insights, the access log, a trajectory's monitor report) goes through
 * here. CSV as RFC 4180 (comma, CRLF, double quotes), with a byte-order mark so spreadsheet programs
 * read UTF-8. Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) get a leading apostrophe (OWASP "CSV injection"). A cell is quoted when
 * it holds a comma, quote or line break, and also a semicolon or tab: a spreadsheet set to Dutch
 * opens a .csv split at semicolons, and typed text after one must not become a cell of its own
 * (it could start with =). Numbers are written as numbers: they come from our own arithmetic,
 * never from what someone typed.
 */

export type CsvValue = string | number | null;

/** A cell a spreadsheet may read as a formula (OWASP: also after a leading NUL or line feed). */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

export function csvCell(value: CsvValue): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One line of cells, without its line break. A row of one empty cell is written as `""`: as a
 * bare empty line it would read as no cell at all (RFC 4180 has no empty record), and a reader
 * would drop the row. A row without cells is the empty line that separates sections.
 */
function csvLine(cells: readonly CsvValue[]): string {
	const line = cells.map(csvCell).join(',');
	return line === '' && cells.length === 1 ? '""' : line;
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
	return '\uFEFF' + rows.map(csvLine).join('\r\n') + '\r\n';
}
