import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { quickCheckView, type QuickCheckViewer } from '#lib/server/testing/quick-check-view.ts';
import ParticipantReveal from './ParticipantReveal.svelte';
import StaffRevealSection from './StaffRevealSection.svelte';

const viewOf = (viewer: QuickCheckViewer, phase: 'revealed' | 'reflection') =>
	quickCheckView({ phase, viewer, values: { anna: 30, pro: 80 }, allowedActions: phase === 'reflection' ? ['saveReflection'] : [] });

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
