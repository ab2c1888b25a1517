import { describe, expect, it } from 'vitest';
import { validateForm } from '../shared/validation.ts';
import { createCollaborationSchema, participantSchema, updateCollaborationSchema } from './collaborations.schemas.ts';

function form(values: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(values)) data.set(key, value);
	return data;
}

/** The new-collaboration form as a browser sends it: three rows, the empty ones included. */
function newCollaborationForm(overrides: Record<string, string> = {}): FormData {
	const rows: Record<string, string> = {};
	for (const n of [1, 2, 3]) {
		Object.assign(rows, {
			[`participant${n}Name`]: '',
			[`participant${n}Audience`]: 'adult',
			[`participant${n}Locale`]: 'nl',
			[`participant${n}Email`]: ''
		});
	}
	return form({ label: 'Fam. J.', rhythm: 'weeks', rhythmWeeks: '12', nextDueOn: '', ...rows, participant1Name: 'moeder', ...overrides });
}

describe('new collaboration form', () => {
	it('ignores empty participant rows and turns the rest into participants', () => {
		const result = validateForm(
			createCollaborationSchema,
			newCollaborationForm({ participant3Name: ' Sam ', participant3Audience: 'child', participant3Email: ' Sam@Example.NL ' })
		);
		expect(result).toEqual({
			ok: true,
			echo: expect.anything(),
			data: {
				label: 'Fam. J.',
				rhythmWeeks: 12,
				nextDueOn: null,
				participants: [
					{ displayName: 'moeder', audience: 'adult', locale: 'nl', email: null },
					{ displayName: 'Sam', audience: 'child', locale: 'nl', email: 'sam@example.nl' }
				]
			}
		});
	});

	it('needs at least one participant', () => {
		const result = validateForm(createCollaborationSchema, newCollaborationForm({ participant1Name: '' }));
		expect(result).toMatchObject({ ok: false, errors: { participant1Name: 'validation_participant_required' } });
	});

	it('refuses a label that looks like a BSN, with its own message', () => {
		for (const label of ['123456782', 'Fam 1234 56 782', '12345678']) {
			const result = validateForm(createCollaborationSchema, newCollaborationForm({ label }));
			expect(result, label).toMatchObject({ ok: false, errors: { label: 'validation_national_id' } });
		}
	});

	it('refuses a long label and asks for initials or a nickname', () => {
		const result = validateForm(createCollaborationSchema, newCollaborationForm({ label: 'Familie Jansen-de Vries uit de Kerkstraat 12' }));
		expect(result).toMatchObject({ ok: false, errors: { label: 'validation_label_too_long' } });
	});

	it('refuses a BSN as a participant name too', () => {
		const result = validateForm(createCollaborationSchema, newCollaborationForm({ participant2Name: '123456782' }));
		expect(result).toMatchObject({ ok: false, errors: { participant2Name: 'validation_national_id' } });
	});

	it('asks for a name when a row has only an e-mail address, and checks the address', () => {
		const result = validateForm(
			createCollaborationSchema,
			newCollaborationForm({ participant2Email: 'vader@example.nl', participant3Email: 'nope' })
		);
		expect(result).toMatchObject({ ok: false, errors: { participant2Name: 'validation_required', participant3Email: 'validation_email' } });
	});

	it('needs a number of weeks for a fixed rhythm, and none for a manual one', () => {
		expect(validateForm(createCollaborationSchema, newCollaborationForm({ rhythmWeeks: '' }))).toMatchObject({
			ok: false,
			errors: { rhythmWeeks: 'validation_rhythm_weeks' }
		});
		expect(validateForm(createCollaborationSchema, newCollaborationForm({ rhythmWeeks: '105' }))).toMatchObject({ ok: false });
		expect(validateForm(createCollaborationSchema, newCollaborationForm({ rhythm: 'manual', rhythmWeeks: 'x' }))).toMatchObject({
			ok: true,
			data: { rhythmWeeks: null }
		});
	});

	it('takes a next date from a date field and refuses impossible dates', () => {
		expect(validateForm(createCollaborationSchema, newCollaborationForm({ nextDueOn: '2025-09-01' }))).toMatchObject({
			ok: true,
			data: { nextDueOn: '2025-09-01' }
		});
		expect(validateForm(createCollaborationSchema, newCollaborationForm({ nextDueOn: '2025-02-30' }))).toMatchObject({
			ok: false,
			errors: { nextDueOn: 'validation_date' }
		});
	});
});

describe('collaboration details and participant forms', () => {
	it('the details form follows the same rules as the new form', () => {
		expect(validateForm(updateCollaborationSchema, form({ label: 'Sam', rhythm: 'manual', rhythmWeeks: '', nextDueOn: '' }))).toEqual({
			ok: true,
			echo: expect.anything(),
			data: { label: 'Sam', rhythmWeeks: null, nextDueOn: null }
		});
		expect(validateForm(updateCollaborationSchema, form({ label: '987654321', rhythm: 'weeks', rhythmWeeks: '6' }))).toMatchObject({
			ok: false,
			errors: { label: 'validation_national_id' }
		});
	});

	it('a participant needs a name; the e-mail address may stay empty', () => {
		expect(validateForm(participantSchema, form({ displayName: 'vader', audience: 'adult', locale: 'en', email: '' }))).toEqual({
			ok: true,
			echo: expect.anything(),
			data: { displayName: 'vader', audience: 'adult', locale: 'en', email: null }
		});
		expect(validateForm(participantSchema, form({ displayName: ' ', audience: 'teen', locale: 'nl' }))).toMatchObject({
			ok: false,
			errors: { displayName: 'validation_required', audience: 'validation_choice' }
		});
	});
});
