import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import NewCollaborationPage from '../../../routes/(staff)/collaborations/new/+page.svelte';
import NewTrajectoryPage from '../../../routes/(staff)/trajectories/new/+page.svelte';
import ErrorSummary from './ErrorSummary.svelte';

/** The summary's list: per item the link target (undefined for words only) and the words read out. */
function summaryItems(html: string): { target?: string; text: string }[] {
	const summary = /<div class="message message-error"[^>]*aria-labelledby="error-summary-title"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
	return [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, inner]) => ({
		target: /<a href="#([^"]+)"/.exec(inner!)?.[1],
		text: inner!
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<[^>]+>/g, '')
			.trim()
	}));
}

describe('a refused form lists its errors at the top, each a link to its field', () => {
	it('names each refused field by its label with what is wrong, in the order of the page, and counts them', () => {
		const { body } = render(ErrorSummary, {
			props: {
				errors: { email: 'validation_email', name: 'validation_required' },
				fields: [
					{ name: 'name', id: 'field-name', label: 'Naam' },
					{ name: 'email', id: 'field-email', label: 'E-mailadres' },
					{ name: 'phone', id: 'field-phone', label: 'Telefoon' }
				]
			}
		});
		expect(body).toContain('Er zijn 2 fouten in het formulier.');
		expect(body).toMatch(/role="alert"[^>]*tabindex="-1" autofocus/);
		expect(summaryItems(body)).toEqual([
			{ target: 'field-name', text: 'Naam: Vul dit veld in.' },
			{ target: 'field-email', text: 'E-mailadres: Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.' }
		]);
	});

	it('still lists an error of a field it has no link for, and shows nothing when nothing was refused', () => {
		const one = render(ErrorSummary, { props: { errors: { other: 'validation_too_long' }, fields: [] } }).body;
		expect(one).toContain('Er is 1 fout in het formulier.');
		expect(summaryItems(one)).toEqual([{ target: undefined, text: 'Dit is te lang.' }]);
		expect(render(ErrorSummary, { props: { errors: {}, fields: [] } }).body).not.toContain('message-error');
	});

	/** Every field a person fills in on the page (hidden row ids aside), by name. */
	const visibleFieldNames = (html: string) => [
		...new Set(
			[...html.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)]
				.filter(([tag]) => !/type="hidden"/.test(tag))
				.map(([tag]) => /\sname="([^"]+)"/.exec(tag)?.[1])
				.filter((name): name is string => name !== undefined)
		)
	];

	it.each([
		['a new collaboration', NewCollaborationPage, { defaults: { rhythmWeeks: 6, clientTerm: 'client', clientLocales: ['nl', 'en'] } }],
		['a new learning trajectory', NewTrajectoryPage, { defaults: { consentText: 'Ik doe mee.' } }]
	] as const)('on %s every field can be refused and each error links to its own control, named by its label', (_what, Page, data) => {
		// A page's props are typed by its route ($types); rendered here with what its load and action give.
		const page = Page as unknown as Component<{ data: unknown; form: unknown }>;
		const blank = render(page, { props: { data, form: null } }).body;
		const names = visibleFieldNames(blank);
		expect(names.length).toBeGreaterThan(5);
		const errors = Object.fromEntries(names.map((name) => [name, 'validation_required']));
		const { body } = render(page, { props: { data, form: { errors, values: {} } } });
		const items = summaryItems(body);
		expect(body).toContain(`Er zijn ${names.length} fouten in het formulier.`);
		expect(items.map((item) => item.target === undefined)).toEqual(names.map(() => false));
		for (const { target, text } of items) {
			expect(body, `the link to #${target} has a target on the page`).toMatch(new RegExp(`\\sid="${target}"`));
			const label = new RegExp(`<label[^>]*for="${target}"[^>]*>([\\s\\S]*?)</label>`).exec(body)?.[1];
			const labelText = label
				?.replace(/<!--[\s\S]*?-->/g, '')
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim();
			if (labelText) expect(text, `the link to #${target} is named by its field's label`).toContain(labelText.split(' (')[0]);
			expect(text).toMatch(/: Vul dit veld in\.$/);
		}
		expect(new Set(items.map((item) => item.target)).size).toBe(items.length);
	});
});
