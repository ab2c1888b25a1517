import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '#lib/server/db/schema.ts';

/**
 * The organisation's word for its clients (organisations.client_term) in words: what the staff
 * pages put in a message's {client}, and what the report and the professional's cards say. Pure.
 */

const CLIENT_WORDS: Record<string, (locale: ClientLocale) => string> = {
	client: (locale) => m.client_term_client({}, { locale }),
	parent: (locale) => m.client_term_parent({}, { locale }),
	youngPerson: (locale) => m.client_term_youngPerson({}, { locale }),
	jobSeeker: (locale) => m.client_term_jobSeeker({}, { locale }),
	resident: (locale) => m.client_term_resident({}, { locale }),
	candidate: (locale) => m.client_term_candidate({}, { locale })
};

/** The organisation's client term in the reader's language ("ouder", "job seeker"); an unknown one reads as "cliënt". */
export function clientTermIn(term: string, locale: ClientLocale): string {
	return (CLIENT_WORDS[term] ?? CLIENT_WORDS.client!)(locale);
}
