import { describe, expect, it } from 'vitest';
import { errorMessage } from './i18n.ts';
import { getLocale } from './paraglide/runtime.js';

describe('errorMessage: a throttle says the real wait (regression: "wacht een kwartier" for waits of 10 and 1 minutes)', () => {
	it('in the language of the page', () => {
		expect(getLocale()).toBe('nl');
	});

	it.each([
		['rate_limited:10', 'Wacht 10 minuten'],
		['rate_limited:43', 'Wacht 43 minuten'],
		['rate_limited:1', 'Wacht 1 minuut'],
		['participation.pin_locked:15', 'over 15 minuten'],
		['participation.pin_locked:1', 'over 1 minuut']
	])('%s → "%s"', (code, expected) => {
		expect(errorMessage(code)).toContain(expected);
		expect(errorMessage(code)).not.toContain('kwartier');
	});

	it('codes without a wait are translated as before', () => {
		expect(errorMessage('participation.invalid_code')).toContain('Deze code werkt niet');
	});
});
