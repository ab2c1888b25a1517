import { describe, expect, it } from 'vitest';
import {
	CLIENT_FACING_PREFIXES,
	CLIENT_OUTCOME_KEYS,
	CLIENT_PRINT_FILES,
	CLIENT_REQUEST_GUARDS,
	CLIENT_SHELL_FILES,
	GUEST_FACING_PREFIXES,
	isStaffVariant
} from './client-facing.ts';
import { errorMessagesReachableFrom } from './server/testing/client-error-codes.ts';
import { clientPageFiles, readSource } from './server/testing/client-pages.ts';
import { allTexts, isBlank, readMessages, samePlaceholders } from './server/testing/message-files.ts';
import { CLIENT_LOCALES, STAFF_LOCALES } from './locales.ts';

/**
 * Every client language has every client-facing message (issue 16): a client never reads a raw key,
 * and never a Dutch sentence in the middle of their own language. Staff-only messages stay Dutch
 * and English. The client-facing keys are found from the client pages' source (client-facing.ts).
 */
const nl = readMessages('nl');

const keysIn = (source: string) => [...source.matchAll(/\bm\.([a-z][a-z0-9_]*)/g)].map(([, key]) => key!);

/** Keys used by the client pages and everything they import, by the shell around them, and by what a participant reads on paper. */
function clientPageKeys(): Set<string> {
	const files = [...clientPageFiles(), ...CLIENT_SHELL_FILES, ...CLIENT_PRINT_FILES];
	return new Set(files.flatMap((file) => keysIn(readSource(file))));
}

/**
 * What the client pages' server code (and the request guards before it) can answer with: the
 * error codes the participant usecases throw, which the page and the error page translate with
 * errorMessage (src/lib/i18n.ts), and the field refusals and notices it names by key.
 */
function clientAnswerKeys(): Set<string> {
	const serverCode = clientPageFiles().filter((file) => file.endsWith('.ts'));
	return errorMessagesReachableFrom([...serverCode, ...CLIENT_REQUEST_GUARDS], new Set(Object.keys(nl)));
}
const answers = clientAnswerKeys();

const clientFacing = [
	...new Set([
		...clientPageKeys(),
		...answers,
		...CLIENT_OUTCOME_KEYS,
		...Object.keys(nl).filter((key) => [...CLIENT_FACING_PREFIXES, ...GUEST_FACING_PREFIXES].some((p) => key.startsWith(p)))
	])
]
	.filter((key) => key in nl && !isStaffVariant(key))
	.sort();
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

	it('the rule finds what a client page’s server code can answer with, and not the staff pages’ errors', () => {
		// A learning form post that arrives incomplete (/c), a personal link that expired (/l/[token],
		// a code built as `link.${state}`), a throttle's one-minute wait, a request that did not come
		// through the proxy, a broken form post (the request guard), a field's refusal.
		for (const key of [
			'error_learning_form_incomplete',
			'error_link_expired',
			'error_rate_limited_minute',
			'error_request_address_unknown',
			'error_malformed_request',
			'error_preparation_closed',
			'error_trajectory_client_declined',
			'validation_required'
		])
			expect([...answers], key).toContain(key);
		for (const key of [
			'error_staff_last_admin',
			'error_auth_invalid_credentials',
			'error_participation_pin_locked',
			'error_insights_invalid_period',
			'error_team_duplicate_name'
		])
			expect([...answers], key).not.toContain(key);
	});

	for (const locale of clientOnly) {
		const messages = readMessages(locale);
		it(`${locale}: every client-facing message is translated, with the same placeholders as the Dutch`, () => {
			expect(clientFacing.filter((key) => isBlank(messages[key]))).toEqual([]);
			const changed = clientFacing.filter((key) => messages[key] && !samePlaceholders(messages[key], nl[key]));
			expect(changed).toEqual([]);
		});

		it(`${locale}: has no message that Dutch does not have, and no markup`, () => {
			expect(Object.keys(messages).filter((key) => !(key in nl))).toEqual([]);
			expect(allTexts(messages).filter(([, text]) => /<[a-z/]/i.test(text))).toEqual([]);
		});
	}
});
