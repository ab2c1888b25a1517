import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { isChoiceDraft, PAGE_FORM_ID, splitPageFormPost, SUBMIT_FIELD } from '#lib/page-form.ts';
import StaffPage from '../../../routes/(staff)/admin/staff/+page.svelte';
import SettingsPage from '../../../routes/(staff)/trajectories/[trajectoryId=id]/settings/+page.svelte';

// Nothing a person chooses is lost on another form's save (docs/decisions/004, "Drafts"). Without
// JavaScript a dropdown (Select.svelte, SelectInput.svelte) changed in one part of a page form was
// lost when another part's button was pressed: it sent no hash of what the page showed and took no
// draft. Here the pages are rendered as the server sends them, posted as a browser without
// JavaScript posts them, and rendered again with the drafts that post kept.

type Page = Component<{ data: unknown; form: unknown }>;

/** The page as the server renders it for `path`, with the drafts a post before kept (page.data.drafts). */
function renderPage(page: unknown, path: string, data: unknown, drafts: Record<string, string> = {}): string {
	const request = { page: { data: { drafts }, url: new URL(`http://app.test${path}`) } };
	return render(page as Page, { props: { data, form: null }, context: new Map([['__request__', request]]) }).body;
}

const decode = (text: string) =>
	text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
const attribute = (tag: string, name: string) => {
	const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
	return found ? decode(found[1]!) : undefined;
};

/** A dropdown as rendered: its opening tag and its options (value, marked chosen). */
function dropdown(html: string, id: string): { tag: string; options: { value: string; selected: boolean }[] } {
	const found = new RegExp(`(<select\\b[^>]*\\sid="${id}"[^>]*>)([\\s\\S]*?)</select>`).exec(html);
	if (!found) throw new Error(`no dropdown #${id}`);
	const options = [...found[2]!.matchAll(/<option\b[^>]*>/g)].map(([tag]) => ({
		value: attribute(tag, 'value') ?? '',
		selected: /\sselected(?:[\s=>])/.test(tag)
	}));
	return { tag: found[1]!, options };
}

/** The option a dropdown shows chosen: the one marked selected, else its first. */
const chosenIn = (html: string, id: string) => {
	const { options } = dropdown(html, id);
	return (options.find((option) => option.selected) ?? options[0])?.value;
};

/**
 * What a browser without JavaScript posts when the button of group `pressed` is pressed: every
 * control of the page form in document order (`choose` changes a dropdown, by its id).
 */
function posted(html: string, pressed: string, choose: Record<string, string> = {}): [string, string][] {
	const entries: [string, string][] = [];
	const own = /<form id="page-form"[^>]*>[\s\S]*?<\/form>/.exec(html)!;
	const inPageForm = (at: number) => at > own.index && at < own.index + own[0].length;
	const controls = /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g;
	for (const { 0: control, index } of html.matchAll(controls)) {
		const tag = /^<[^>]*>/.exec(control)![0];
		const name = attribute(tag, 'name');
		if (!name || (attribute(tag, 'form') !== PAGE_FORM_ID && !inPageForm(index))) continue;
		if (tag.startsWith('<select')) {
			const id = attribute(tag, 'id') ?? '';
			entries.push([name, choose[id] ?? chosenIn(html, id) ?? '']);
		} else if (tag.startsWith('<textarea')) {
			entries.push([name, decode(control.slice(tag.length, -'</textarea>'.length))]);
		} else if (!/type="(checkbox|radio)"/.test(tag) || /\schecked/.test(tag)) {
			entries.push([name, attribute(tag, 'value') ?? '']);
		}
	}
	return [...entries, [SUBMIT_FIELD, pressed]];
}

const keptBy = (html: string, pressed: string, choose: Record<string, string> = {}) =>
	splitPageFormPost(posted(html, pressed, choose))!.drafts;

/** The dropdown shows `value` as a choice not sent yet: chosen, marked, and the mark is its description. */
function expectUnsent(html: string, id: string, value: string): void {
	const { tag } = dropdown(html, id);
	expect(chosenIn(html, id), `#${id} shows the choice not sent`).toBe(value);
	expect(tag).toContain(' data-draft=""');
	expect(attribute(tag, 'aria-describedby')?.split(' ')).toContain(`${id}-draft`);
	expect(html).toMatch(new RegExp(`<p class="draft-note" id="${id}-draft">Nog niet verstuurd\\.</p>`));
}

const SETTINGS = '/trajectories/t1/settings';
const question = (key: string, text: string) => ({ key, text, kind: 'scale3', fromMoment: 1 });
function settings(options: { questions?: ReturnType<typeof question>[]; locked?: string[]; instruments?: string[] } = {}) {
	return {
		trajectory: {
			id: 't1',
			name: 'Samen sterker',
			description: '',
			consentText: 'Ik doe mee.',
			template: { questions: options.questions ?? [question('qA', 'Vraag A'), question('qB', 'Vraag B'), question('qC', 'Vraag C')] }
		},
		consentTextLocked: false,
		meetings: [],
		moments: [{ id: 'm1', position: 1, label: 'T1', opensOn: '2026-01-05', closesOn: '2026-01-12', instrumentKey: null }],
		functions: [],
		instruments: {
			choices: (options.instruments ?? ['wav12', 'srs']).map((key) => ({ key, name: key.toUpperCase(), items: 5 })),
			lockedMomentIds: options.locked ?? []
		},
		answeredQuestionKeys: [],
		saved: null
	};
}

describe('a dropdown changed in one part of a page form and not sent is kept when another part is saved', () => {
	const page = renderPage(SettingsPage, SETTINGS, settings());

	it('is kept: the trajectory settings, an instrument and a question’s kind chosen, the details saved', () => {
		expect(chosenIn(page, 'field-instrument1')).toBe('');
		const drafts = keptBy(page, 'details', { 'field-instrument1': 'srs', 'field-q3Kind': 'text' });
		expect(drafts).toEqual({ 'instruments:instruments:instrument#@m1': 'srs', 'template:template:q#Kind@qC': 'text' });
		// Left as the page showed them, they are no drafts: a colleague may change them meanwhile.
		expect(keptBy(page, 'details')).toEqual({});
	});

	it('comes back chosen and marked as not sent, and is kept again by the next post', () => {
		const drafts = keptBy(page, 'details', { 'field-instrument1': 'srs', 'field-q3Kind': 'text' });
		const next = renderPage(SettingsPage, SETTINGS, settings(), drafts);
		expectUnsent(next, 'field-instrument1', 'srs');
		expectUnsent(next, 'field-q3Kind', 'text');
		expect(dropdown(next, 'field-q2Kind').tag).not.toContain('data-draft');
		// Still not sent when yet another part is saved; sent with its own part, the action reads the plain name.
		expect(keptBy(next, 'moments')).toEqual(drafts);
		expect(splitPageFormPost(posted(next, 'instruments'))!.fields).toContainEqual(['instrument1', 'srs']);
	});

	it('comes back on the question it was chosen for, wherever that is now, and nowhere else', () => {
		const drafts = keptBy(page, 'details', { 'field-q3Kind': 'text' });
		// A colleague removed question B meanwhile: question C is row 2 now, row 3 a new question.
		const next = renderPage(
			SettingsPage,
			SETTINGS,
			settings({ questions: [question('qA', 'Vraag A'), question('qC', 'Vraag C')] }),
			drafts
		);
		expectUnsent(next, 'field-q2Kind', 'text');
		expect(chosenIn(next, 'field-q3Kind')).toBe('scale3');
		expect(dropdown(next, 'field-q3Kind').tag).not.toContain('data-draft');
	});

	it('is not shown where its choice is no longer offered, and not listed as text to copy where the dropdown is gone', () => {
		const drafts = keptBy(page, 'details', { 'field-instrument1': 'srs' });
		expect(Object.keys(drafts)).toHaveLength(1);
		expect(Object.keys(drafts).every(isChoiceDraft), 'a dropdown’s draft is a choice, as a radio group’s').toBe(true);
		const withdrawn = renderPage(SettingsPage, SETTINGS, settings({ instruments: ['wav12'] }), drafts);
		expect(chosenIn(withdrawn, 'field-instrument1')).toBe('');
		expect(withdrawn).not.toContain('Nog niet verstuurd.');
		// The moment's instrument is locked now (answers came in): no dropdown, and no code at the end of the page.
		const locked = renderPage(SettingsPage, SETTINGS, settings({ locked: ['m1'] }), drafts);
		expect(locked).not.toContain('id="field-instrument1"');
		expect(locked).not.toContain('left-over-title');
		expect(locked).not.toContain('<blockquote>srs</blockquote>');
	});

	it('a bare dropdown (SelectInput) too: the colleague to hand over to, chosen before another member’s roles were saved', () => {
		const member = (userId: string, name: string) => ({
			userId,
			name,
			email: `${userId}@example.nl`,
			roles: ['professional'],
			status: 'active'
		});
		const staff = {
			me: 'u1',
			teams: [],
			members: [member('u1', 'Ans'), member('u2', 'Bram'), member('u3', 'Cor')],
			heldCount: { u2: 3 },
			leadsOf: {},
			invitations: []
		};
		const list = renderPage(StaffPage, '/admin/staff', staff);
		expect(chosenIn(list, 'handover-u2')).toBe('');
		const drafts = keptBy(list, 'roles-u3', { 'handover-u2': 'u3' });
		expect(drafts).toEqual({ 'status-u2:status-u2:handoverTo': 'u3' });
		const next = renderPage(StaffPage, '/admin/staff', staff, drafts);
		expectUnsent(next, 'handover-u2', 'u3');
		expect(attribute(dropdown(next, 'handover-u2').tag, 'aria-describedby')).toBe('handover-hint-u2 handover-u2-draft');
		expect(splitPageFormPost(posted(next, 'status-u2'))!.fields).toContainEqual(['handoverTo', 'u3']);
	});
});
