import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { computeGaps } from '#lib/server/conversations/conversations.models.ts';
import type { ConversationView, PartyView } from '#lib/server/conversations/conversations.views.ts';
import { renderItems, renderScale } from '#lib/server/instruments/instruments.models.ts';
import { samenSterkerV1 } from '#lib/server/instruments/samen-sterker-v1.ts';
import ParticipantReveal from './ParticipantReveal.svelte';
import StaffRevealSection from './StaffRevealSection.svelte';

const content = samenSterkerV1.content;
const items = renderItems(content, 'adult', 'nl', 'plan');
const allItems = (value: number) => Object.fromEntries(items.map((item) => [item.key, value]));
const party = (id: string, kind: PartyView['kind'], displayName: string, isViewer: boolean): PartyView => ({
	id,
	kind,
	displayName,
	audience: kind === 'professional' ? 'professional' : 'adult',
	present: true,
	submitted: true,
	paperFilledOn: null,
	isViewer
});
const ratings = [
	{ partyId: 'anna', values: allItems(30) },
	{ partyId: 'pro', values: allItems(80) }
];

function viewOf(viewer: 'anna' | 'pro', phase: 'revealed' | 'reflection'): ConversationView {
	return {
		id: 'c1',
		collaborationId: 'col1',
		method: 'quickCheck',
		phase,
		version: 7,
		startedAt: '2026-03-12T10:15:00.000Z',
		revealedAt: '2026-03-12T10:25:00.000Z',
		endedAt: null,
		summary: null,
		joinCode: null,
		viewer:
			viewer === 'pro'
				? { partyId: 'pro', kind: 'professional', audience: 'professional' }
				: { partyId: 'anna', kind: 'participant', audience: 'adult' },
		instrument: { id: 'i1', key: 'samenSterker', version: 1, name: 'Samen Sterker' },
		items,
		scale: renderScale(content, 'nl'),
		parties: [party('anna', 'participant', 'Anna', viewer === 'anna'), party('pro', 'professional', 'Piet', viewer === 'pro')],
		ownRatings: allItems(viewer === 'pro' ? 80 : 30),
		ownTexts: null,
		texts: [],
		ratings,
		gaps: computeGaps(
			items.map((item) => item.key),
			ratings
		),
		review: [],
		reviewComplete: true,
		reflections: [],
		agreement: null,
		allowedActions: phase === 'reflection' ? ['saveReflection'] : []
	} as ConversationView;
}

/** The words above the questions: the heading, the intro, the reminder, the legend and the hints. */
const introText = (html: string) =>
	html
		.slice(0, html.indexOf('<ol class="items'))
		.replace(/<style[\s\S]*?<\/style>/g, ' ')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replaceAll('&amp;', '&')
		.replace(/\s+/g, ' ');

const screens = [
	[
		'the client’s reveal',
		() => render(ParticipantReveal, { props: { view: viewOf('anna', 'revealed'), savedItem: null, sent: null } }).body
	],
	[
		'the client’s reflection',
		() => render(ParticipantReveal, { props: { view: viewOf('anna', 'reflection'), savedItem: null, sent: null } }).body
	],
	[
		'the professional’s reveal',
		() => render(StaffRevealSection, { props: { view: viewOf('pro', 'revealed'), savedItem: null, sent: null, client: 'ouder' } }).body
	],
	[
		'the professional’s reflection step',
		() => render(StaffRevealSection, { props: { view: viewOf('pro', 'reflection'), savedItem: null, sent: null, client: 'ouder' } }).body
	]
] as const;

// A new user read "De grootste verschillen staan bovenaan" twice on the client's reveal (the intro and
// the hint above the questions), and "Ga niet in discussie" twice on the professional's reflection step
// (the step's intro and the reminder above the questions). Each is now said once, by the part every
// reveal screen shares (RevealView).
describe('the reveal screens say each thing once', () => {
	it.each(screens)('%s: that the biggest differences come first, once', (_, html) => {
		expect(introText(html()).match(/staan bovenaan/g)).toHaveLength(1);
	});

	it.each(screens)('%s: not to argue, once', (_, html) => {
		expect(introText(html()).match(/niet in discussie/gi)).toHaveLength(1);
	});

	it.each(screens)('%s: no sentence or clause twice above the questions', (_, html) => {
		const clauses = introText(html())
			.split(/[.,;!?]/)
			.map((clause) => clause.trim())
			.filter((clause) => clause.split(' ').length > 2);
		expect(clauses.filter((clause, i) => clauses.indexOf(clause) !== i)).toEqual([]);
	});
});

// A reviewer's organisation calls its clients "ouder"; the reflection step still said "de cliënt".
describe("the professional's reflection step uses the organisation's word for its clients", () => {
	it('says "ouder" where the organisation says ouder, never "cliënt"', () => {
		const html = render(StaffRevealSection, {
			props: { view: viewOf('pro', 'reflection'), savedItem: null, sent: null, client: 'ouder' }
		}).body;
		expect(introText(html)).toContain('wat de ouder zegt');
		expect(introText(html)).not.toContain('cliënt');
	});
});
