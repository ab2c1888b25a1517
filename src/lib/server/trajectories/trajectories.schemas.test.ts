import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { validateForm } from '../shared/validation.ts';
import { createTrajectorySchema, momentsSchema, templateSchema } from './trajectories.schemas.ts';

function formData(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
}

describe('trajectory forms', () => {
	it('a new trajectory keeps filled meeting and moment rows and drops empty ones', () => {
		const result = validateForm(
			createTrajectorySchema,
			formData({
				name: ' Gelijkwaardig ',
				consentText: 'Ja',
				meeting1Date: '2026-09-01',
				meeting1Title: 'Theaterlezing',
				meeting1Place: ' Arnhem ',
				meeting2Date: '',
				meeting2Title: '',
				moment1Opens: '2026-09-01',
				moment1Closes: '2026-09-14',
				moment2Opens: '2026-10-15',
				moment2Closes: '2026-10-30'
			})
		);
		expect(result).toEqual({
			ok: true,
			echo: expect.anything(),
			data: {
				name: 'Gelijkwaardig',
				description: '',
				consentText: 'Ja',
				meetings: [{ id: '', heldOn: '2026-09-01', title: 'Theaterlezing', place: 'Arnhem', programme: null }],
				moments: [
					{ opensOn: '2026-09-01', closesOn: '2026-09-14' },
					{ opensOn: '2026-10-15', closesOn: '2026-10-30' }
				]
			}
		});
	});

	it('half-filled rows, a close before the open and no moment at all are field errors', () => {
		const result = validateForm(
			createTrajectorySchema,
			formData({
				name: 'x',
				consentText: 'y',
				meeting1Date: '2026-09-01',
				meeting2Place: 'Arnhem',
				moment2Opens: '2026-09-10',
				moment2Closes: '2026-09-01'
			})
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toMatchObject({
			meeting1Title: 'validation_required',
			// A place without a date would be lost: the date is asked for.
			meeting2Date: 'validation_required',
			moment2Closes: 'validation_trajectory_close_before_open'
		});
		const none = validateForm(momentsSchema, formData({}));
		expect(none.ok || none.errors.moment1Opens).toBe('validation_trajectory_moment_needed');
	});

	it('a template row whose text was emptied removes its question; an empty new row is nothing', () => {
		const output = v.parse(templateSchema, {
			q1Key: 'applied',
			q1Text: 'Toegepast?',
			q1Kind: 'scale3',
			q1From: '2',
			q2Key: '',
			q2Text: '',
			q2Kind: 'scale3',
			q2From: '1',
			q4Key: 'noticed',
			q4Text: '',
			q4Kind: 'text',
			q4From: '2',
			q3Key: '',
			q3Text: 'Nieuw',
			q3Kind: 'text',
			q3From: '1'
		});
		expect(output).toEqual({
			questions: [
				{ key: 'applied', kind: 'scale3', text: 'Toegepast?', fromMoment: 2 },
				{ key: '', kind: 'text', text: 'Nieuw', fromMoment: 1 }
			],
			removedKeys: ['noticed']
		});
	});
});
