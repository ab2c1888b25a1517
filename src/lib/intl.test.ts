import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat } from './intl.ts';

describe('Intl formatters', () => {
	it('are made once per language and options and then reused', () => {
		const options = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
		expect(numberFormat('nl-NL', options)).toBe(numberFormat('nl-NL', { ...options }));
		expect(numberFormat('nl-NL', options)).not.toBe(numberFormat('en-GB', options));
		expect(numberFormat('nl-NL', options)).not.toBe(numberFormat('nl-NL', { maximumFractionDigits: 0 }));
		const date = { dateStyle: 'long', timeZone: 'Europe/Amsterdam' } as const;
		expect(dateTimeFormat('nl-NL', date)).toBe(dateTimeFormat('nl-NL', { ...date }));
	});

	it('format exactly as a formatter made for the call would', () => {
		const options = { minimumFractionDigits: 0, maximumFractionDigits: 1 };
		for (const tag of ['nl-NL', 'en-GB', 'ar', 'tr-TR', 'pl-PL', 'uk-UA'])
			for (const value of [0, 6.3, 10])
				expect(numberFormat(tag, options).format(value)).toBe(new Intl.NumberFormat(tag, options).format(value));
		const at = new Date('2026-12-31T23:30:00Z');
		const date = { dateStyle: 'long', timeZone: 'Europe/Amsterdam' } as const;
		expect(dateTimeFormat('nl-NL', date).format(at)).toBe('1 januari 2027');
		expect(dateTimeFormat('en-GB', date).format(at)).toBe(new Intl.DateTimeFormat('en-GB', date).format(at));
	});
});
