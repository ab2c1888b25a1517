import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	CLIENT_FACING_PREFIXES,
	CLIENT_OUTCOME_KEYS,
	CLIENT_PRINT_FILES,
	CLIENT_SHELL_FILES,
	GUEST_FACING_PREFIXES,
	isStaffVariant
} from './client-facing.ts';
import { clientPageFiles, readSource } from './server/testing/client-pages.ts';
import { CLIENT_LOCALES, STAFF_LOCALES } from './locales.ts';

/**
 * Every client language has every client-facing message (issue 16): a client never reads a raw key,
 * and never a Dutch sentence in the middle of their own language. Staff-only messages stay Dutch
 * and English. The client-facing keys are found from the client pages' source (client-facing.ts).
 */
const root = path.resolve(import.meta.dirname, '../..');
const read = (locale: string) => {
	const messages = JSON.parse(fs.readFileSync(path.join(root, 'messages', `${locale}.json`), 'utf8')) as Record<string, string>;
	delete messages.$schema;
	return messages;
};
const nl = read('nl');

const keysIn = (source: string) => [...source.matchAll(/\bm\.([a-z][a-z0-9_]*)/g)].map(([, key]) => key!);

/** Keys used by the client pages and everything they import, by the shell around them, and by what a participant reads on paper. */
function clientPageKeys(): Set<string> {
	const files = [...clientPageFiles(), ...CLIENT_SHELL_FILES, ...CLIENT_PRINT_FILES];
	return new Set(files.flatMap((file) => keysIn(readSource(file))));
}

const clientFacing = [
	...new Set([
		...clientPageKeys(),
		...CLIENT_OUTCOME_KEYS,
		...Object.keys(nl).filter((key) => [...CLIENT_FACING_PREFIXES, ...GUEST_FACING_PREFIXES].some((p) => key.startsWith(p)))
	])
]
	.filter((key) => key in nl && !isStaffVariant(key))
	.sort();
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
const clientOnly = CLIENT_LOCALES.filter((locale) => !(STAFF_LOCALES as readonly string[]).includes(locale));

describe('client languages', () => {
	it('the rule finds the client pages’ messages (join, rating, reveal, agreement, preparation, mails)', () => {
		for (const key of ['join_title', 'rating_title', 'reveal_title', 'agreement_title', 'prep_participant_title', 'links_mail_personal'])
			expect(clientFacing, key).toContain(key);
		// A trajectory's outside participant: the invitation, the consent, and the mails.
		for (const key of ['invitation_title', 'trajectory_me_consent_agree', 'trajectory_list_title', 'trajectory_mail_reminder_opened_intro'])
			expect(clientFacing, key).toContain(key);
		expect(clientFacing).not.toContain('shell_nav_staff');
		// Printed forms for participants: the client's texts, not the professional's own form.
		for (const key of ['paper_form_intro_adult', 'paper_form_intro_child', 'paper_form_closing', 'pdf_missing_characters'])
			expect(clientFacing, key).toContain(key);
		expect(clientFacing).not.toContain('paper_form_intro_professional');
		expect(clientFacing.length).toBeGreaterThan(300);
	});

	for (const locale of clientOnly) {
		const messages = read(locale);
		it(`${locale}: every client-facing message is translated, with the same placeholders as the Dutch`, () => {
			expect(clientFacing.filter((key) => !messages[key]?.trim())).toEqual([]);
			const changed = clientFacing.filter((key) => messages[key] && placeholders(messages[key]).join() !== placeholders(nl[key]!).join());
			expect(changed).toEqual([]);
		});

		it(`${locale}: has no message that Dutch does not have, and no markup`, () => {
			expect(Object.keys(messages).filter((key) => !(key in nl))).toEqual([]);
			expect(Object.entries(messages).filter(([, text]) => /<[a-z/]/i.test(text))).toEqual([]);
		});
	}
});
