import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import SettingsPage from './(staff)/admin/settings/+page.svelte';
import PlanPage from './(staff)/collaborations/[collaborationId=id]/plan/+page.svelte';
import AttendancePage from './(staff)/trajectories/[trajectoryId=id]/meetings/[meetingId=id]/+page.svelte';

/** The values of the ticked boxes and chosen radios named `name`, as the server renders the page. */
function chosen(Page: unknown, props: { data: unknown; form: unknown }, name: string): string[] {
	const { body } = render(Page as Component<{ data: unknown; form: unknown }>, { props });
	return [...body.matchAll(/<input\b[^>]*>/g)]
		.map(([tag]) => tag)
		.filter((tag) => tag.includes(`name="${name}"`) && /\schecked(?:[\s=>/])/.test(tag))
		.map((tag) => /\svalue="([^"]*)"/.exec(tag)?.[1] ?? '');
}

const settings = {
	name: 'Jeugdzorg Noord',
	clientTerm: 'client',
	planTerm: 'plan',
	defaultLocale: 'nl',
	minGroupSize: 5,
	retentionDays: 730,
	requireTwoFactor: false,
	erasureConfirmation: 'second_admin',
	clientLocales: ['nl', 'en']
};

describe('a refused form shows the boxes and choices that were sent, not the saved or default ones', () => {
	it('the settings keep the client languages ticked in the refused post (Dutch is always on)', () => {
		const refused = {
			errors: { minGroupSize: 'validation_number' },
			values: { name: 'Jeugdzorg Noord' },
			choices: { clientLocales: ['ar', 'tr'] }
		};
		expect(chosen(SettingsPage, { data: { settings }, form: refused }, 'clientLocales')).toEqual(['nl', 'ar', 'tr']);
		expect(chosen(SettingsPage, { data: { settings }, form: null }, 'clientLocales')).toEqual(['nl', 'en']);
	});

	it("planning a learning conversation keeps each participant's way of getting the link, so nobody is mailed who was not meant to be", () => {
		const plan = {
			collaborationId: 'c1',
			label: 'Gezin Noord',
			open: true,
			participants: [
				{ id: 'p1', displayName: 'Sam', hasEmail: true },
				{ id: 'p2', displayName: 'Kiki', hasEmail: false },
				{ id: 'p3', displayName: 'Moeder', hasEmail: true }
			]
		};
		const refused = {
			errors: { scheduledOn: 'validation_required' },
			values: { 'delivery-p1': 'none', 'delivery-p2': 'none', 'delivery-p3': 'print' }
		};
		const pick = (form: unknown) => ['p1', 'p2', 'p3'].map((id) => chosen(PlanPage, { data: { plan }, form }, `delivery-${id}`));
		expect(pick(refused)).toEqual([['none'], ['none'], ['print']]);
		expect(pick(null)).toEqual([['email'], ['print'], ['email']]);
	});

	it('the attendance of a meeting keeps who was ticked in the refused post', () => {
		const data = {
			trajectory: { id: 't1', name: 'Leertraject' },
			meeting: { title: 'Bijeenkomst 1', heldOn: '2026-12-01', place: null, programme: null },
			participants: [
				{ id: 'a', number: 1, name: 'Anna', organisationName: 'Noord', present: true, stoppedOn: null },
				{ id: 'b', number: 2, name: 'Bram', organisationName: 'Zuid', present: false, stoppedOn: null }
			]
		};
		const refused = { formError: 'changed_meanwhile', values: {}, choices: { present: ['b'] } };
		expect(chosen(AttendancePage, { data, form: refused }, 'present')).toEqual(['b']);
		expect(chosen(AttendancePage, { data, form: null }, 'present')).toEqual(['a']);
	});
});
