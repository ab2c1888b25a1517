import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { childLocaleOf, matchClientLocale, pageLocaleOf } from './page-locale.ts';

const ROUTES = path.resolve(import.meta.dirname, '../../../routes');
/** The account page shows the stored preference itself: the one place that reads it. */
const READS_THE_SETTING = [path.join('(staff)', 'account', '+page.server.ts')];
/**
 * Staff downloads not worded in the page's language, by design: a participant's copy of their data
 * (the participant's language or `?lang=`, decision 011) and the FHIR files (codes and the
 * instrument's own texts).
 */
const NOT_IN_THE_PAGES_LANGUAGE = [
	path.join('(staff)', 'admin', 'instruments', '[instrumentId=id]', 'questionnaire.json', '+server.ts'),
	path.join('(staff)', 'collaborations', '[collaborationId=id]', 'answers.fhir.json', '+server.ts'),
	path.join('(staff)', 'collaborations', '[collaborationId=id]', 'participants', '[participantId=id]', 'copy.json', '+server.ts'),
	path.join('(staff)', 'collaborations', '[collaborationId=id]', 'participants', '[participantId=id]', 'copy.pdf', '+server.ts'),
	path.join('(staff)', 'trajectories', '[trajectoryId=id]', 'report', 'answers.fhir.json', '+server.ts')
];

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(full);
		return /\.server\.ts$|\+server\.ts$/.test(entry.name) ? [full] : [];
	});
}

describe('a page speaks the language of the request', () => {
	// A professional's stored language can change on another device (or in another browser) while
	// this page's cookie says otherwise: a list rendered with the stored one mixed English names
	// into a Dutch page (found by a parallel e2e run). Text for the page follows getLocale().
	it('no route renders with the signed-in person’s stored language (actor.locale) instead of the page’s', () => {
		const offenders = serverFiles(ROUTES)
			.filter((file) => !READS_THE_SETTING.includes(path.relative(ROUTES, file)))
			.filter((file) => /\bactor\.locale\b/.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROUTES, file));
		expect(offenders).toEqual([]);
	});

	// The report PDF, the professional's paper form and the CSV exports were made in the stored
	// language while the page offering them was in another: a download is worded as its page is.
	it('every staff download (PDF, CSV) is made in the request’s language, as the page offering it', () => {
		const downloads = serverFiles(path.join(ROUTES, '(staff)')).filter((file) =>
			/\b(downloadResponse|serveMadeFile)\(/.test(readFileSync(file, 'utf8'))
		);
		expect(downloads.length).toBeGreaterThan(8);
		const offenders = downloads
			.filter((file) => !NOT_IN_THE_PAGES_LANGUAGE.includes(path.relative(ROUTES, file)))
			.filter((file) => !/\blocale: staffLocaleOf\(getLocale\(\)\)/.test(readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROUTES, file));
		expect(offenders).toEqual([]);
	});
});

// A professional handed the device to a Turkish-speaking child; the language cookie then said
// Turkish. The staff pages after it (the return page, the sign-in page, /start) mixed Turkish into
// Dutch pages. One decision per page, and on a staff page it is never a client language.
describe('the language a page is sent in', () => {
	const staffPages = ['/handover/return', '/sign-in', '/(staff)/start', '/(staff)/collaborations/[collaborationId=id]', '/'];

	it('a staff page is Dutch or English whatever the cookie says', () => {
		for (const routeId of staffPages) {
			for (const requested of ['tr', 'ar', 'pl', 'uk', 'nl'] as const) {
				expect(pageLocaleOf({ routeId, requested, acceptLanguage: null, handoverStaffLocale: null }), `${routeId} with ${requested}`).toBe(
					'nl'
				);
			}
			expect(pageLocaleOf({ routeId, requested: 'en', acceptLanguage: null, handoverStaffLocale: null })).toBe('en');
		}
	});

	it('while a hand-over lasts, a staff page (the return page) is in the language the professional handed the device over in', () => {
		expect(pageLocaleOf({ routeId: '/handover/return', requested: 'tr', acceptLanguage: null, handoverStaffLocale: 'en' })).toBe('en');
		expect(pageLocaleOf({ routeId: '/handover/return', requested: 'nl', acceptLanguage: null, handoverStaffLocale: 'en' })).toBe('en');
		expect(pageLocaleOf({ routeId: '/handover/return', requested: 'tr', acceptLanguage: null, handoverStaffLocale: 'nl' })).toBe('nl');
	});

	it('a client page follows the device’s choice, a client language included', () => {
		for (const routeId of ['/(participant)/c', '/join', '/l/[token]', '/live/[conversationId]', '/language']) {
			expect(pageLocaleOf({ routeId, requested: 'tr', acceptLanguage: null, handoverStaffLocale: 'nl' }), routeId).toBe('tr');
		}
	});

	// An outside new-user pass: a client whose phone asks for Turkish saw /join in Dutch until they
	// found the switch. Before any choice, a client page speaks the phone's language.
	it('before the device chose a language, a client page speaks the phone’s best client language; a staff page stays Dutch', () => {
		for (const routeId of ['/join', '/(participant)/c', '/l/[token]', '/l/ended']) {
			expect(pageLocaleOf({ routeId, requested: null, acceptLanguage: 'tr-TR,tr;q=0.9', handoverStaffLocale: null }), routeId).toBe('tr');
			expect(pageLocaleOf({ routeId, requested: null, acceptLanguage: 'de-DE', handoverStaffLocale: null }), routeId).toBe('nl');
			expect(pageLocaleOf({ routeId, requested: null, acceptLanguage: null, handoverStaffLocale: null }), routeId).toBe('nl');
		}
		for (const routeId of staffPages) {
			expect(pageLocaleOf({ routeId, requested: null, acceptLanguage: 'ar', handoverStaffLocale: null }), routeId).toBe('nl');
			expect(pageLocaleOf({ routeId, requested: null, acceptLanguage: 'en-GB', handoverStaffLocale: null }), routeId).toBe('nl');
		}
	});

	it('a language the device chose wins over the phone’s languages', () => {
		expect(pageLocaleOf({ routeId: '/join', requested: 'nl', acceptLanguage: 'ar', handoverStaffLocale: null })).toBe('nl');
		expect(pageLocaleOf({ routeId: '/join', requested: 'pl', acceptLanguage: 'tr', handoverStaffLocale: null })).toBe('pl');
	});

	it('the return page’s part for the child is in the child’s language', () => {
		expect(childLocaleOf({ participantLocale: 'tr', requested: 'nl', pageLocale: 'nl' })).toBe('tr');
		// The device's own session is gone: the cookie still holds the child's language.
		expect(childLocaleOf({ participantLocale: null, requested: 'ar', pageLocale: 'en' })).toBe('ar');
		// Nothing known of the child: the page's own language.
		expect(childLocaleOf({ participantLocale: null, requested: 'nl', pageLocale: 'en' })).toBe('en');
	});
});

describe('the client language that fits a phone’s Accept-Language', () => {
	it('a language with a region is matched by its language (tr-TR is Turkish, ar-MA Arabic, en-US English)', () => {
		expect(matchClientLocale('tr-TR')).toBe('tr');
		expect(matchClientLocale('ar-MA')).toBe('ar');
		expect(matchClientLocale('en-US')).toBe('en');
		expect(matchClientLocale('UK-ua')).toBe('uk');
		expect(matchClientLocale('pl')).toBe('pl');
		expect(matchClientLocale('nl-BE')).toBe('nl');
	});

	it('the highest quality wins, not the first listed; equal qualities keep their order', () => {
		expect(matchClientLocale('en;q=0.3, ar;q=0.8, pl;q=0.5')).toBe('ar');
		expect(matchClientLocale('tr;q=0.7,uk;q=0.7')).toBe('tr');
		expect(matchClientLocale('pl;q=0.7,uk')).toBe('uk');
	});

	it('a language the app does not offer clients is passed over for the next one the phone accepts', () => {
		expect(matchClientLocale('de-DE,de;q=0.9,tr;q=0.8,en;q=0.5')).toBe('tr');
		expect(matchClientLocale('ku, ar;q=0.2')).toBe('ar');
	});

	it('nothing offered, nothing asked, a refused language (q=0) or a malformed header: Dutch', () => {
		expect(matchClientLocale('de-DE,fr;q=0.5')).toBe('nl');
		expect(matchClientLocale(null)).toBe('nl');
		expect(matchClientLocale('')).toBe('nl');
		expect(matchClientLocale('*')).toBe('nl');
		expect(matchClientLocale('tr;q=0, de')).toBe('nl');
		expect(matchClientLocale('🙂, ,;q=abc')).toBe('nl');
	});
});
