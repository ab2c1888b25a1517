import { describe, expect, it } from 'vitest';
import { fillPlaceholders, overrideProblem, placeholdersOf } from './wording.models.ts';

describe("an organisation's own wording of a client text", () => {
	it('is accepted as plain text with the same placeholders as the standard text', () => {
		expect(overrideProblem('Nog {done} van de {total} zijn klaar.', '{done} van de {total} zijn klaar.')).toBeNull();
		expect(overrideProblem('Kies een plek op de lijn.', 'Kies op de lijn een plek.')).toBeNull();
	});

	it.each([
		['<script>alert(1)</script>', 'markup'],
		['Klik <a href="x">hier</a>', 'markup'],
		['Tom &amp; Jerry', 'markup'],
		['&#60;b&#62;', 'markup'],
		['javascript:alert(1)', 'markup'],
		// A mail subject's own wording with a line break would start a new header (Bcc: …).
		['Jullie afspraken\r\nBcc: spy@evil.example', 'line_break'],
		['Eerste regel\nTweede regel', 'line_break'],
		['Eerste\u2028tweede', 'line_break'],
		['   ', 'empty'],
		['x'.repeat(601), 'too_long']
	])('refuses %j (%s)', (text, problem) => {
		expect(overrideProblem(text, 'Kies een plek op de lijn.')).toBe(problem);
	});

	it('refuses a wording that drops, renames or adds a placeholder, or leaves a stray brace', () => {
		const standard = '{done} van de {total} zijn klaar.';
		expect(overrideProblem('{done} zijn klaar.', standard)).toBe('placeholders');
		expect(overrideProblem('{klaar} van de {total} zijn klaar.', standard)).toBe('placeholders');
		expect(overrideProblem('{done} van de {total} ({extra}) zijn klaar.', standard)).toBe('placeholders');
		expect(overrideProblem('{done} van de {total} zijn klaar {', standard)).toBe('placeholders');
	});

	it('fills placeholders with the values the page passes, once each, in any order', () => {
		expect(placeholdersOf('{total}: {done} of {total}')).toEqual(['done', 'total']);
		expect(fillPlaceholders('Klaar: {done} van {total}', { total: 3, done: 1 })).toBe('Klaar: 1 van 3');
	});
});
