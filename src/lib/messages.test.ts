import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_FACING_PREFIXES } from './client-facing.ts';
import { formatUntil, withColon } from './i18n.ts';

/**
 * The wording rules of the product (issue 12): clients are addressed with "je", in short
 * sentences, and no message carries doubled or stray punctuation.
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (locale: string) => {
	const messages = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
	delete messages.$schema;
	return messages;
};
const nl = read('nl');
const en = read('en');

/**
 * Messages a client (a participant without an account) reads: their own pages, the join page,
 * personal links and their mails, the outcome they keep, and the footer every page shows.
 * A professional's variant of a shared message ends in _formal or _staff and is not the client's.
 */
const isClientFacing = (key: string) =>
	CLIENT_FACING_PREFIXES.some((prefix) => key.startsWith(prefix)) && !/_(formal|staff)(_|$)/.test(key);
const clientFacing = Object.entries(nl).filter(([key]) => isClientFacing(key));

/** Placeholders stand for one word. */
const words = (sentence: string) =>
	sentence
		.replace(/\{\w+\}/g, 'X')
		.split(/\s+/)
		.filter(Boolean);
const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');

describe('client-facing Dutch messages', () => {
	it('cover the client’s pages (the prefixes still name messages)', () => {
		expect(clientFacing.length).toBeGreaterThan(100);
		for (const prefix of CLIENT_FACING_PREFIXES)
			expect(
				Object.keys(nl).some((key) => key.startsWith(prefix)),
				prefix
			).toBe(true);
	});

	it('address the client with "je", never with formal "u" or "uw"', () => {
		const formal = clientFacing.filter(([, text]) => /\b(u|uw|uzelf)\b/i.test(text.replace(/\{\w+\}/g, '')));
		expect(formal.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
	});

	it('keep every sentence at 20 words or fewer', () => {
		const long = clientFacing.flatMap(([key, text]) =>
			sentencesOf(text)
				.filter((s) => words(s).length > 20)
				.map((s) => `${key}: ${s}`)
		);
		expect(long).toEqual([]);
	});
});

describe('punctuation in every message', () => {
	for (const [locale, messages] of [['nl', nl] as const, ['en', en] as const]) {
		it(`${locale}: no doubled marks ("?:", "..", ",,") and no space before a mark`, () => {
			const wrong = Object.entries(messages).filter(([, text]) => {
				const bare = text.replace(/\{\w+\}/g, 'X').replace(/…/g, '');
				return /[?!.:;,]\s*[?!:;,]|(?<!\.)\.\.(?!\.)|[?!:;,]\s*\.(?!\.)|\s[?!.:;,](?!\d)/.test(bare);
			});
			expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
		});
	}

	it('a label that already ends in a mark gets no colon after it', () => {
		expect(withColon('A. Wat gebeurde er?')).toBe('A. Wat gebeurde er?');
		expect(withColon('Wie doet het')).toBe('Wie doet het:');
		expect(withColon('Uitkomst:')).toBe('Uitkomst:');
	});
});

describe('until when something works', () => {
	const now = new Date('2026-12-01T10:00:00Z');
	it('an end at midnight is "tot en met" the day before, without a time', () => {
		// 7 December 00:00 in Amsterdam is 6 December 23:00 UTC.
		expect(formatUntil('2026-12-06T23:00:00.000Z', 'nl', now)).toBe('tot en met 6 december');
		expect(formatUntil('2026-12-06T23:00:00.000Z', 'en', now)).toBe('up to and including 6 December');
	});
	it('another end gives its day and time; another year is named', () => {
		expect(formatUntil('2026-12-07T13:30:00.000Z', 'nl', now)).toBe('tot 7 december, 14:30');
		expect(formatUntil('2027-01-02T23:00:00.000Z', 'nl', now)).toBe('tot en met 2 januari 2027');
	});
});

describe('a counted noun agrees with its number', () => {
	/**
	 * Not yet in singular and plural: the client languages (Polish, Ukrainian, Arabic) need more than
	 * two forms, which these two messages would get with Paraglide's plural variants. Dutch "keer" is
	 * both; an instrument has more than one question in practice.
	 */
	const NOT_YET = new Set(['client_copy_access_times', 'traject_client_consent_what']);

	it.each([
		['nl', nl],
		['en', en]
	])('%s: a message that puts {count} before a noun has a form for one (key_one), or is the _many beside one', (_locale, messages) => {
		const counted = Object.entries(messages).filter(([key, text]) => /\{count\} \p{L}/u.test(text) && !NOT_YET.has(key));
		expect(counted.length).toBeGreaterThan(0);
		const withoutOne = counted
			.filter(([key]) => !(`${key}_one` in messages) && !(key.endsWith('_many') && `${key.slice(0, -'_many'.length)}_one` in messages))
			.map(([key]) => key);
		expect(withoutOne).toEqual([]);
		for (const [key] of counted) {
			const one = messages[`${key}_one`] ?? messages[`${key.replace(/_many$/, '')}_one`];
			expect(one, key).toMatch(/\b1\b/);
			expect(one, key).not.toContain('{count}');
		}
	});
});
