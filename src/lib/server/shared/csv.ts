/**
 * Every CSV the app writes (insights, the access log, a trajectory's monitor report) goes through
 * here. CSV as RFC 4180 (comma, CRLF, double quotes), with a byte-order mark so spreadsheet programs
 * read UTF-8. Text cells that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) get a leading apostrophe (OWASP "CSV injection"). Numbers are written
 * as numbers: they come from our own arithmetic, never from what someone typed.
 */

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
	if (value === null) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of cells, without its line break. */
export function csvLine(cells: readonly CsvValue[]): string {
	return cells.map(csvCell).join(',');
}

export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
	return '\uFEFF' + rows.map(csvLine).join('\r\n') + '\r\n';
}
