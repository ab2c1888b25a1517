import { describe, expect, it } from 'vitest';
import { CLIENT_FACING_PREFIXES } from './client-facing.ts';
import { formatUntil, withColon } from './i18n.ts';
import { CLIENT_LOCALES, type ClientLocale } from './locales.ts';
import * as m from '#lib/paraglide/messages.js';
import {
	allTexts,
	declaredInputs,
	hasVariants,
	placeholdersIn,
	readMessages,
	textsOf,
	type Message
} from './server/testing/message-files.ts';

/**
 * The wording rules of the product (issue 12): everyone is addressed with "je" (decision 027),
 * clients in short sentences, and no message carries doubled or stray punctuation.
 */
const nl = readMessages('nl');
const en = readMessages('en');

/**
 * Messages a client (a participant without an account) reads: their own pages, the join page,
 * personal links and their mails, the outcome they keep, and the footer every page shows.
 * A professional's variant of a shared message ends in _formal or _staff and is not the client's.
 */
const isClientFacing = (key: string) =>
	CLIENT_FACING_PREFIXES.some((prefix) => key.startsWith(prefix)) && !/_(formal|staff)(_|$)/.test(key);
/** Each text of a client-facing message: a message with variants (plural forms) gives each variant's. */
const clientFacing = allTexts(Object.fromEntries(Object.entries(nl).filter(([key]) => isClientFacing(key))));

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

	it('keep every sentence at 20 words or fewer', () => {
		const long = clientFacing.flatMap(([key, text]) =>
			sentencesOf(text)
				.filter((s) => words(s).length > 20)
				.map((s) => `${key}: ${s}`)
		);
		expect(long).toEqual([]);
	});
});

describe('the form of address in Dutch', () => {
	/**
	 * Decision 027: staff and clients alike are addressed with "je" ("je kunt", "heb je", "jouw").
	 * A pronoun of the formal form is a word of its own: "u", "uw", "uzelf", any case, also "U" at
	 * the start of a sentence and in "(u)". A placeholder is no word ({uw} would be a name), and a
	 * letter on either side makes it part of another word (menu, uur, uitnodigen). No message needs
	 * an exception today; one that does is named here with the reason.
	 */
	const FORMAL_PRONOUN = /(?<![\p{L}\p{N}_])(u|uw|uzelf)(?![\p{L}\p{N}_])/iu;
	const addressesFormally = (text: string) => FORMAL_PRONOUN.test(text.replace(/\{\w+\}/g, 'X'));

	it('finds the formal pronoun as a word, not inside another word or a placeholder', () => {
		for (const text of ['U kunt hier inloggen.', 'Dank u wel.', 'Heeft u vragen?', 'Uw rol: {roles}', '{name} (u)', 'Door U genoteerd.'])
			expect(addressesFormally(text), text).toBe(true);
		for (const text of ['Je kunt hier inloggen.', 'Open het menu.', 'Over een uur.', 'Een nieuwe vrouw.', 'Nodig {u} uit.', 'Jouw cliënt'])
			expect(addressesFormally(text), text).toBe(false);
	});

	it('every Dutch message, the staff’s and the client’s, addresses the reader with "je", never with "u" or "uw"', () => {
		const formal = allTexts(nl).filter(([, text]) => addressesFormally(text));
		expect(formal.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
	});
});

describe('punctuation in every message', () => {
	for (const [locale, messages] of [['nl', nl] as const, ['en', en] as const]) {
		it(`${locale}: no doubled marks ("?:", "..", ",,") and no space before a mark`, () => {
			const wrong = allTexts(messages).filter(([, text]) => {
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
	 * A noun that is the same after one as after more: Dutch "1 keer", "5 keer". (Turkish always puts
	 * the singular after a number, "5 kısa soru"; this rule reads Dutch and English only.)
	 */
	const SAME_AFTER_ONE: Partial<Record<ClientLocale, RegExp>> = { nl: /\{count\} keer\b/ };
	/** Variants chosen by the plural category of `count`, with one for one ("countPlural=one"). */
	const hasPluralOne = (message: Message) =>
		hasVariants(message) &&
		message.some(
			(variant) =>
				variant.declarations.some((line) => /^local (\w+) = count: plural\b/.test(line)) &&
				Object.keys(variant.match).some((match) => /^\w+=one$/.test(match))
		);

	it.each([
		['nl', nl],
		['en', en]
	] as const)(
		'%s: a message that puts {count} before a noun has a form for one (key_one, or a variant countPlural=one), or is the _many beside one',
		(locale, messages) => {
			const counted = Object.entries(messages).filter(([, message]) => textsOf(message).some((text) => /\{count\} \p{L}/u.test(text)));
			expect(counted.length).toBeGreaterThan(0);
			const withoutOne = counted
				.filter(
					([key, message]) =>
						!hasPluralOne(message) &&
						!textsOf(message).every((text) => SAME_AFTER_ONE[locale]?.test(text)) &&
						!(`${key}_one` in messages) &&
						!(key.endsWith('_many') && `${key.slice(0, -'_many'.length)}_one` in messages)
				)
				.map(([key]) => key);
			expect(withoutOne).toEqual([]);
			for (const [key, message] of counted) {
				if (hasVariants(message) || SAME_AFTER_ONE[locale]?.test(message)) continue;
				const one = messages[`${key}_one`] ?? messages[`${key.replace(/_many$/, '')}_one`];
				expect(one, key).toMatch(/\b1\b/);
				expect(one, key).not.toContain('{count}');
			}
		}
	);

	/**
	 * The client languages count with Paraglide's plural variants (Intl.PluralRules): Polish and
	 * Ukrainian have a form for one, for 2–4 (and 22–24 …) and for 5 and more (Ukrainian 21 is one
	 * again); Arabic one (no digit: سؤالًا واحدًا), two (the dual, no digit), 3–10 (plural) and 11–99
	 * (singular); Turkish puts the singular after every number; Dutch "keer" is the same for all.
	 * Each row is what the message must say for 1, 2, 5, 11, 21 and 22.
	 */
	const COUNTS = [1, 2, 5, 11, 21, 22] as const;
	const ACCESS_TIMES: Record<ClientLocale, readonly string[]> = {
		nl: ['1 keer', '2 keer', '5 keer', '11 keer', '21 keer', '22 keer'],
		en: ['1 time', '2 times', '5 times', '11 times', '21 times', '22 times'],
		ar: ['مرة واحدة', 'مرتان', '5 مرات', '11 مرة', '21 مرة', '22 مرة'],
		tr: ['1 kez', '2 kez', '5 kez', '11 kez', '21 kez', '22 kez'],
		pl: ['1 raz', '2 razy', '5 razy', '11 razy', '21 razy', '22 razy'],
		uk: ['1 раз', '2 рази', '5 разів', '11 разів', '21 раз', '22 рази']
	};
	const CONSENT_QUESTIONS: Record<ClientLocale, readonly string[]> = {
		nl: [
			'1 korte vraag over',
			'2 korte vragen over',
			'5 korte vragen over',
			'11 korte vragen over',
			'21 korte vragen over',
			'22 korte vragen over'
		],
		en: [
			'1 short question about',
			'2 short questions about',
			'5 short questions about',
			'11 short questions about',
			'21 short questions about',
			'22 short questions about'
		],
		ar: [
			'نطرح عليك سؤالًا قصيرًا واحدًا عن',
			'نطرح عليك سؤالين قصيرين عن',
			'نطرح عليك 5 أسئلة قصيرة عن',
			'نطرح عليك 11 سؤالًا قصيرًا عن',
			'نطرح عليك 21 سؤالًا قصيرًا عن',
			'نطرح عليك 22 سؤالًا قصيرًا عن'
		],
		tr: [
			'1 kısa soru soruyoruz',
			'2 kısa soru soruyoruz',
			'5 kısa soru soruyoruz',
			'11 kısa soru soruyoruz',
			'21 kısa soru soruyoruz',
			'22 kısa soru soruyoruz'
		],
		pl: [
			'1 krótkie pytanie o',
			'2 krótkie pytania o',
			'5 krótkich pytań o',
			'11 krótkich pytań o',
			'21 krótkich pytań o',
			'22 krótkie pytania o'
		],
		uk: [
			'1 коротке запитання про',
			'2 короткі запитання про',
			'5 коротких запитань про',
			'11 коротких запитань про',
			'21 коротке запитання про',
			'22 короткі запитання про'
		]
	};

	it('a trajectory’s number of participants in Arabic, which has a form for two, for three to ten and for eleven to ninety-nine', () => {
		const participants = (count: number) => m.trajectory_list_participants({ count }, { locale: 'ar' });
		expect([2, 3, 10, 11, 99, 100, 103].map(participants)).toEqual([
			'مشاركان',
			'3 مشاركين',
			'10 مشاركين',
			'11 مشاركًا',
			'99 مشاركًا',
			'100 مشارك',
			'103 مشاركين'
		]);
	});

	describe.each(CLIENT_LOCALES)('%s', (locale) => {
		it.each(COUNTS.map((count, i) => [count, ACCESS_TIMES[locale][i]!] as const))(
			'the client’s copy says how often a line happened: %i → "%s"',
			(count, times) => {
				expect(m.client_copy_access_times({ line: 'L', count }, { locale })).toBe(`L (${times})`);
			}
		);

		it.each(COUNTS.map((count, i) => [count, CONSENT_QUESTIONS[locale][i]!] as const))(
			'the consent says how many questions a client gets: %i → "%s"',
			(count, questions) => {
				const text = m.traject_client_consent_what({ count }, { locale });
				expect(text).toContain(questions);
				// The number once, where the language writes it (not at all for Arabic one and two).
				expect(text.match(/\d+/g) ?? []).toEqual(/\d/.test(questions) ? [String(count)] : []);
			}
		);
	});
});

describe('a message with variants (Paraglide’s plural forms)', () => {
	const variantMessages = CLIENT_LOCALES.flatMap((locale) =>
		Object.entries(readMessages(locale)).flatMap(([key, message]) => (hasVariants(message) ? [[`${locale} ${key}`, message] as const] : []))
	);

	it('the rule below finds them: the counted messages, in the languages whose noun changes with the number', () => {
		const names = variantMessages.map(([name]) => name);
		for (const locale of ['nl', 'en', 'ar', 'pl', 'uk']) expect(names).toContain(`${locale} traject_client_consent_what`);
		for (const locale of ['en', 'ar', 'pl', 'uk']) expect(names).toContain(`${locale} client_copy_access_times`);
		expect(names).toContain('ar trajectory_list_participants');
	});

	it.each(variantMessages)(
		'%s: uses only the inputs it declares, and ends with the variant for every other number ("=*")',
		(_name, message) => {
			const inputs = declaredInputs(message);
			expect(inputs.length).toBeGreaterThan(0);
			const used = new Set(textsOf(message).flatMap(placeholdersIn));
			expect([...used].toSorted()).toEqual(inputs);
			for (const variant of message) {
				const matches = Object.keys(variant.match);
				// Paraglide returns the catch-all where it stands, so a variant after it would never be shown.
				expect(matches.at(-1), matches.join()).toMatch(/=\*$/);
				expect(matches.filter((match) => match.endsWith('=*'))).toHaveLength(1);
				for (const selector of variant.selectors)
					expect(variant.declarations.some((line) => line.startsWith(`local ${selector} = `))).toBe(true);
			}
		}
	);
});
