import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_LOCALES } from '#lib/locales.ts';
import * as m from '#lib/paraglide/messages.js';
import type { ClientLocale } from '../db/schema.ts';
import type { ReportDocument } from '../reports/reports.document.ts';
import { isBlank, readMessages, samePlaceholders, type Message } from '../testing/message-files.ts';
import { buildClientCopyDocument } from './client-copy.document.ts';
import { CLIENT_COPY_FORMAT, CLIENT_COPY_VERSION, type ClientCopy } from './client-copy.types.ts';

/**
 * The client's copy is made in the participant's own language, any of the six (decision 011,
 * "The client's copy"): every text the copy itself adds must exist in every client language, so a
 * participant never reads a raw key or a Dutch label in the middle of their own language.
 */
const root = path.resolve(import.meta.dirname, '../../../..');
/** The modules that put the app's words into the copy: the document, and the access log's labels. */
const COPY_SOURCES = [
	'src/lib/server/collaborations/client-copy.document.ts',
	'src/lib/server/collaborations/client-copy.models.ts',
	'src/lib/access-log-labels.ts',
	'src/lib/staff-name.ts'
];
const messages = Object.fromEntries(CLIENT_LOCALES.map((locale) => [locale, readMessages(locale)])) as Record<
	ClientLocale,
	Record<string, Message>
>;
const copyKeys = [
	...new Set(COPY_SOURCES.flatMap((file) => [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/\bm\.([a-z][a-zA-Z0-9_]*)\(/g)]))
]
	.map(([, key]) => key!)
	.filter((key, index, keys) => keys.indexOf(key) === index)
	.sort();

/** A copy with every part the document can show, its codes' labels in Dutch (as if made in Dutch). */
function sampleCopy(language: ClientLocale): ClientCopy {
	return {
		format: CLIENT_COPY_FORMAT,
		version: CLIENT_COPY_VERSION,
		generatedAt: '2026-03-20T10:00:00.000Z',
		language,
		organisation: { name: 'Jeugdzorg Oost' },
		collaboration: {
			label: 'Gezin Demir',
			status: 'closed',
			startedAt: '2026-01-05T09:00:00.000Z',
			closedAt: '2026-03-19T09:00:00.000Z',
			professionals: [
				{ name: 'Sanne de Vries', role: 'holder' },
				{ name: 'Omar Haddad', role: 'co' }
			]
		},
		participant: {
			name: 'Layla Demir',
			audience: 'adult',
			language: 'ar',
			email: 'layla@example.org',
			addedAt: '2026-01-05T09:00:00.000Z',
			removedAt: '2026-03-19T09:00:00.000Z'
		},
		conversations: [
			{
				method: 'quickCheck',
				methodLabel: 'Korte check',
				status: 'closed',
				startedAt: '2026-02-01T09:00:00.000Z',
				endedAt: '2026-02-01T10:00:00.000Z',
				plannedOn: '2026-02-01',
				summary: 'Goed gesprek.',
				instrument: { name: 'Samen Sterker', version: 1, scale: { min: 'Slecht', max: 'Goed', points: 10 } },
				answers: [
					{
						by: 'you',
						name: 'Layla Demir',
						itemKey: 'omgang',
						item: 'Omgang',
						question: 'Hoe gaan we om?',
						mode: 'line',
						point: 8,
						points: 10,
						text: '8'
					},
					{
						by: 'professional',
						name: 'Sanne de Vries',
						itemKey: 'omgang',
						item: 'Omgang',
						question: 'Hoe gaan we om?',
						mode: 'line',
						point: 6,
						points: 10,
						text: '6'
					}
				],
				answersInWords: [],
				reflections: [{ itemKey: 'omgang', item: 'Omgang', mostSatisfied: 'Rust', leastSatisfied: 'Haast', mostNotedByProfessional: true }],
				reviewChoices: [{ agreement: 'Elke maandag bellen', outcome: 'partly', outcomeLabel: 'Deels gelukt' }],
				preparation: {
					private: false,
					sharedAt: '2026-01-30T09:00:00.000Z',
					updatedAt: '2026-01-30T09:00:00.000Z',
					wishes: 'Over school',
					cards: ['Luisteren'],
					moment: { whatHappened: 'A', whatItDidToMe: 'B', whyImportant: 'C' },
					safety: ['Uitpraten'],
					safetyOwnWords: 'Rustig'
				},
				safety: { chosen: ['Uitpraten'], ownWords: 'Rustig' },
				topics: ['School'],
				sheets: [{ topic: 'School', whatHappened: 'A', whatItDidToMe: 'B', whyImportant: 'C', onPaperFilledOn: '2026-03-02' }],
				wishCards: ['Luisteren'],
				recordingMoments: [{ atSeconds: 65, note: 'Hier' }],
				evaluation: { clarity: { point: 8, points: 10, text: '8' }, overall: null, remark: 'Fijn' },
				agreements: [
					{
						what: 'Elke maandag bellen',
						kind: 'keep',
						who: 'both',
						whoLabel: 'Samen',
						dueOn: '2026-04-01',
						successMeasure: 'Vier keer gebeld',
						needed: 'Een telefoon',
						status: 'partly',
						statusLabel: 'Deels gelukt',
						madeAt: '2026-02-01T10:00:00.000Z',
						carriedOver: true,
						reviews: [
							{ reviewedAt: '2026-03-01T10:00:00.000Z', outcome: 'partly', outcomeLabel: 'Deels gelukt', note: null, carriedOver: false }
						]
					}
				]
			}
		],
		personalLinks: [
			{
				purpose: 'preparation',
				createdAt: '2026-01-20T09:00:00.000Z',
				sentAt: '2026-01-20T09:00:00.000Z',
				openedAt: '2026-01-21T09:00:00.000Z',
				expiresAt: '2026-02-20T09:00:00.000Z',
				revokedAt: '2026-02-01T09:00:00.000Z'
			}
		],
		accessLog: []
	};
}

/** The app's own words in the document: titles, labels, footer — not what people typed or codes' labels. */
function appWords(document: ReportDocument): string[] {
	return [
		document.title,
		document.pageLabel,
		...document.facts.map((fact) => fact.label),
		...document.sections.flatMap((section) => [
			section.title,
			...section.blocks.flatMap((block) => {
				if (block.type === 'entries') return block.entries.flatMap((entry) => entry.lines.map((line) => line.label));
				if (block.type === 'subheading') return [block.text];
				if (block.type === 'table') return [block.corner];
				return [];
			})
		])
	];
}

describe("the client's copy in every client language", () => {
	it('finds the keys the copy uses (the rule below is not empty)', () => {
		expect(copyKeys).toContain('client_copy_title');
		expect(copyKeys).toContain('access_log_action_view');
		expect(copyKeys.length).toBeGreaterThan(70);
	});

	for (const locale of CLIENT_LOCALES) {
		it(`${locale}: every message the copy uses exists, with the same placeholders as the Dutch`, () => {
			expect(copyKeys.filter((key) => isBlank(messages[locale][key]))).toEqual([]);
			const changed = copyKeys.filter((key) => !samePlaceholders(messages[locale][key], messages.nl[key]));
			expect(changed).toEqual([]);
		});
	}

	const dutchWords = appWords(buildClientCopyDocument(sampleCopy('nl')));
	const dutch = new Set(dutchWords);
	for (const locale of CLIENT_LOCALES.filter((locale) => locale !== 'nl')) {
		it(`${locale}: no title or label of the copy is left in Dutch, and none is a raw key`, () => {
			const document = buildClientCopyDocument(sampleCopy(locale));
			const words = appWords(document);
			expect(words.length).toBe(dutchWords.length);
			expect(words.filter((word) => dutch.has(word))).toEqual([]);
			expect(words.filter((word) => /^[a-z]+(_[a-z]+)+$/.test(word))).toEqual([]);
			expect(document.locale).toBe(locale);
			expect(document.title).toBe(m.client_copy_title({}, { locale }));
		});
	}
});
