import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('CSV', () => {
	it('text that a spreadsheet would run as a formula is made harmless', () => {
		for (const attack of ['=HYPERLINK("http://x")', '+31 6', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd', '\n=1+1', '\0=HYPERLINK("http://x")']) {
			expect(csvCell(attack).replace(/^"/, '').startsWith("'"), attack).toBe(true);
		}
	});

	it('numbers stay numbers, also negative ones', () => {
		expect(csvCell(-12)).toBe('-12');
		expect(csvCell(0)).toBe('0');
		expect(csvCell(Number.NaN)).toBe('');
		expect(csvCell(null)).toBe('');
	});

	it('quotes cells with commas, quotes or line breaks', () => {
		expect(csvCell('a, b')).toBe('"a, b"');
		expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
		expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
		expect(csvCell('=a,b')).toBe(`"'=a,b"`);
	});

	it('a cell with a semicolon or tab stays one cell where a spreadsheet splits at them, so no formula starts after one', () => {
		expect(csvCell("Werkdruk;=cmd|' /C calc'!A0")).toBe(`"Werkdruk;=cmd|' /C calc'!A0"`);
		expect(csvCell('a\t=1+1')).toBe('"a\t=1+1"');
		expect(csvCell('gewoon')).toBe('gewoon');
	});

	it('a file starts with a byte-order mark and ends every row with CRLF', () => {
		expect(
			toCsv([
				['a', 1],
				['b', null]
			])
		).toBe('\uFEFFa,1\r\nb,\r\n');
	});

	it('a row of one empty cell keeps its cell, while a row without cells stays an empty separator line', () => {
		expect(toCsv([['kop'], [null], [''], [], ['einde']])).toBe('\uFEFFkop\r\n""\r\n""\r\n\r\neinde\r\n');
	});
});
