import { expect, it } from 'vitest';
import { importInstrument, listInstruments, setOrganisationSessionFeedbackInstrument } from '../instruments/instruments.import.usecases.ts';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildSessionFeedback } from '../testing/feedback-builders.ts';
import { questionnaireText, srsLike, withEnableWhen } from '../testing/fhir-questionnaires.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getFeedbackForStaff, submitSessionFeedback } from './feedback.usecases.ts';

describeOnBothDatabases('session feedback with an organisation’s own questionnaire', (dialect) => {
	const t = useTestContext(dialect);

	async function organisationWithSrsLike() {
		const admin = await buildOrganisation(t.ctx);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(srsLike()),
			licenceConfirmed: true,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		return { admin, professional, instrument: imported.instrument };
	}

	it('the admin’s choice is what the next session feedback asks; the participants answer its items, the professional sees them', async () => {
		const { admin, professional, instrument } = await organisationWithSrsLike();
		await setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: admin, key: instrument.key });
		expect((await listInstruments({ ctx: t.ctx, actor: admin, locale: 'nl' })).sessionFeedbackKey).toBe(instrument.key);

		const fb = await buildSessionFeedback(t.ctx, { professional });
		const keys = srsLike().item.map((item) => item.linkId);
		const answers = Object.fromEntries(keys.map((key, i) => [key, [20, 50, 80, 100][i]!]));
		await submitSessionFeedback({ ctx: t.ctx, actor: fb.participants[0]!, conversationId: fb.conversationId, values: answers });
		const view = await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId: fb.conversationId });
		expect(view.instrument).toMatchObject({ key: instrument.key, version: instrument.version });
		expect(view.items.map((item) => item.key)).toEqual(keys);
		// The built-in items are not this instrument's: refused, nothing stored.
		const second = await buildSessionFeedback(t.ctx, { professional });
		await expect(
			submitSessionFeedback({
				ctx: t.ctx,
				actor: second.participants[0]!,
				conversationId: second.conversationId,
				values: { relationship: 50 }
			})
		).rejects.toMatchObject({ code: 'conversation.unknown_item' });
	});

	it('back to the built-in questions; another organisation’s instrument or a built-in quick check cannot be chosen', async () => {
		const { admin, professional, instrument } = await organisationWithSrsLike();
		await setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: admin, key: instrument.key });
		await setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: admin, key: null });
		const fb = await buildSessionFeedback(t.ctx, { professional });
		expect(
			(await getFeedbackForStaff({ locale: 'nl', ctx: t.ctx, actor: professional, conversationId: fb.conversationId })).instrument.key
		).toBe('session-feedback');

		const other = await buildOrganisation(t.ctx);
		for (const key of [instrument.key, 'samenSterker', 'unknown']) {
			await expect(setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: other, key })).rejects.toMatchObject({
				code: 'not_found'
			});
		}
		await expect(setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: professional, key: null })).rejects.toMatchObject({
			code: 'not_found'
		});
	});
	it('a conditional question (enableWhen) is asked only when its condition holds: otherwise not required, and an answer to it is dropped', async () => {
		const admin = await buildOrganisation(t.ctx);
		const imported = await importInstrument({
			ctx: t.ctx,
			actor: admin,
			text: questionnaireText(withEnableWhen()),
			licenceConfirmed: false,
			locale: 'nl'
		});
		if (!imported.ok) throw new Error('import refused');
		const professional = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		await setOrganisationSessionFeedbackInstrument({ ctx: t.ctx, actor: admin, key: imported.instrument.key });
		const fb = await buildSessionFeedback(t.ctx, { professional, participants: 3 });
		const submit = (index: number, values: Record<string, number>) =>
			submitSessionFeedback({ ctx: t.ctx, actor: fb.participants[index]!, conversationId: fb.conversationId, values });
		// mood 1 of 1–5 (0) asks the follow-up: without it the answers are refused.
		await expect(submit(0, { mood: 0, team: 50 })).rejects.toMatchObject({ code: 'conversation.incomplete_ratings' });
		await submit(0, { mood: 0, team: 50, worry: 100 });
		// mood 4 (75) does not: no answer needed, and one sent anyway is not kept.
		await submit(1, { mood: 75, team: 50, worry: 0 });
		const stored = await t.ctx.db.selectFrom('ratings').select(['itemKey']).where('conversationId', '=', fb.conversationId).execute();
		expect(stored.map((row) => row.itemKey).sort()).toEqual(['mood', 'mood', 'team', 'team', 'worry']);
	});
});
