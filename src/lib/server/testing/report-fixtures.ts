import { samenSterkerV1 } from '#lib/server/instruments/samen-sterker-v1.ts';
import { localize, renderItems, renderScale } from '#lib/server/instruments/instruments.models.ts';
import { withClientTranslations } from '#lib/server/instruments/instruments.translations.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import type { ReportData } from '../reports/reports.models.ts';

/** A closed quick check with two clients (an adult and a child) and a professional, for the report's unit tests. */
export function quickCheckReportData(locale: ClientLocale, overrides: Partial<ReportData> = {}): ReportData {
	const content = withClientTranslations(samenSterkerV1.content);
	return {
		locale,
		clientTerm: 'parent',
		organisationName: 'Jeugdhulp Noord',
		collaborationLabel: 'Fam. K.',
		conversation: {
			method: 'quickCheck',
			startedAt: '2026-03-10T09:00:00.000Z',
			endedAt: '2026-03-10T09:20:00.000Z',
			summary: 'Goed gesprek.'
		},
		instrument: {
			name: localize(content.name, locale).text,
			version: 1,
			items: renderItems(content, 'adult', locale, 'familyPlan'),
			scale: renderScale(content, locale)
		},
		parties: [
			{ id: 'mother', kind: 'participant', displayName: 'Łucja Şahin', audience: 'adult' },
			{ id: 'sam', kind: 'participant', displayName: 'Sam', audience: 'child' },
			{ id: 'pro', kind: 'professional', displayName: 'Jan de Vries', audience: 'professional' }
		],
		ratings: [
			{ partyId: 'mother', values: { omgang: 80, luisteren: 60, contact: 100, plan: 40, afspraken: 20 } },
			{ partyId: 'sam', values: { omgang: 75, luisteren: 25, contact: 50, plan: 100, afspraken: 0 } },
			{ partyId: 'pro', values: { omgang: 30, luisteren: 70, contact: 30, plan: 70, afspraken: 30 } }
		],
		reflections: [{ partyId: 'mother', itemKey: 'contact', mostSatisfied: '<b>Altijd</b> bereikbaar', leastSatisfied: null }],
		reviews: [{ what: 'Elke week bellen', outcome: 'partly', note: 'Twee keer vergeten', carriedOver: true }],
		agreements: [
			{
				what: 'We bellen elke maandag om 10 uur.',
				who: 'client',
				whoOther: null,
				dueOn: '2026-04-01',
				successMeasure: 'Vier keer gebeld',
				status: 'open',
				carriedOver: false,
				actionKind: null,
				needed: null
			}
		],
		safety: [],
		topics: [],
		sheets: [],
		wishes: [],
		moments: [],
		evaluations: [],
		generatedAt: '2026-03-10T10:00:00.000Z',
		...overrides
	};
}
