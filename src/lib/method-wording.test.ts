import { describe, expect, it } from 'vitest';
import { CLIENT_FACING_PREFIXES, isStaffVariant } from './client-facing.ts';
import { allTexts, readMessages } from './server/testing/message-files.ts';

/**
 * The methods keep their own words (issue 15): the learning conversation is called
 * "Samenleergesprek" wherever Dutch names it, and its C question reads the same on every
 * screen, in the preparation and in the report.
 */
/** Every text, a message with variants each variant's (named "key [countPlural=one]"). */
const nl = allTexts(readMessages('nl'));
const en = allTexts(readMessages('en'));

describe('the name of the learning conversation', () => {
	it('Dutch names the method "Samenleergesprek", never "leergesprek" alone', () => {
		const short = nl.filter(([, text]) => /(?<!samen)leergesprek/i.test(text));
		expect(short.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
		expect(nl.filter(([, text]) => text.includes('Samenleergesprek')).length).toBeGreaterThan(10);
	});

	it('English calls it "learning conversation" and no other name', () => {
		const other = en.filter(([, text]) => /learning (talk|session|meeting)|co-learning|joint learning/i.test(text));
		expect(other.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
	});
});

describe('the C question', () => {
	for (const [locale, messages, pattern] of [
		['nl', nl, /belangrijk voor mij/i],
		['en', en, /(matter|important) to me/i]
	] as const) {
		it(`${locale}: every message that asks it has the same wording`, () => {
			const asking = messages.filter(([, text]) => /^C\.\s/.test(text) || pattern.test(text));
			expect(asking.map(([key]) => key).sort()).toEqual(['learning_sheet_c', 'prep_moment_c', 'report_sheet_c']);
			expect(new Set(asking.map(([, text]) => text)).size).toBe(1);
		});
	}
});

describe('a client reads plain words, not the method’s names (issue 16)', () => {
	it('no text written for the client (a _you variant, a participant’s page or mail) says "Gespreksbladen", "Evaluatie" or "Samenleerwijzer"', () => {
		const forClient = nl.filter(
			([key]) => !isStaffVariant(key) && (key.endsWith('_you') || CLIENT_FACING_PREFIXES.some((prefix) => key.startsWith(prefix)))
		);
		expect(forClient.length).toBeGreaterThan(100);
		const named = forClient.filter(([, text]) => /gespreksblad|evaluatie|samenleerwijzer/i.test(text));
		expect(named.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
	});
});
