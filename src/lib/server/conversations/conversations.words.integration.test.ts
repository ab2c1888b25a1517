import { expect, it } from 'vitest';
import { buildQuickCheckWithWords, readConversationAsParticipant, wordsLineOf } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { getCollaborationTimeline, getConversationForStaff, saveReflections, submitRatings } from './conversations.usecases.ts';

const line = wordsLineOf;
const CLIENT_WORDS = 'Geheime zin van de cliënt over thuis';
const PRO_WORDS = 'Wat de professional zelf opschreef';

describeOnBothDatabases('quick check with questions in words (issue 14)', (dialect) => {
	const t = useTestContext(dialect);

	/** A collaboration whose quick check uses an SRS-like line with a nominal choice and free text beside it. */
	const world = () => buildQuickCheckWithWords(t.ctx);

	it('both answer the questions in words beside the line; each sees only their own until the reveal, then both', async () => {
		const { ctx } = t;
		const w = await world();
		await submitRatings({
			ctx,
			actor: w.client,
			conversationId: w.conversationId,
			values: line(30),
			texts: { plek: 'thuis', toelichting: `  ${CLIENT_WORDS}\r\nTweede regel.  ` }
		});
		const own = await readConversationAsParticipant(ctx, w.client);
		expect(own.ownTexts).toEqual({ plek: 'thuis', toelichting: `${CLIENT_WORDS}\nTweede regel.` });

		// Blind: the professional's page holds nothing of the client's words before the reveal.
		const blind = await getConversationForStaff({ locale: 'nl', ctx, actor: w.professional, conversationId: w.conversationId });
		expect(blind.texts).toEqual([]);
		expect(JSON.stringify(blind)).not.toContain(CLIENT_WORDS);

		await submitRatings({
			ctx,
			actor: w.professional,
			conversationId: w.conversationId,
			values: line(70),
			texts: { plek: 'werk', toelichting: PRO_WORDS }
		});
		const staff = await getConversationForStaff({ locale: 'en', ctx, actor: w.professional, conversationId: w.conversationId });
		expect(staff.phase).toBe('revealed');
		expect(staff.texts).toEqual([
			{ partyId: w.client.partyId, texts: { plek: 'thuis', toelichting: `${CLIENT_WORDS}\nTweede regel.` } },
			{ partyId: w.professionalPartyId, texts: { plek: 'werk', toelichting: PRO_WORDS } }
		]);
		// The reader's words for a choice: the options in English on an English page.
		expect(staff.items.find((item) => item.key === 'plek')?.answer).toMatchObject({
			type: 'choice',
			options: expect.arrayContaining([{ code: 'thuis', label: 'Home' }])
		});
		const client = await readConversationAsParticipant(ctx, w.client);
		expect(client.texts.find((entry) => entry.partyId === w.professionalPartyId)?.texts.toelichting).toBe(PRO_WORDS);
	});

	it('questions in words have no difference, no gap and no reflection: only the line does', async () => {
		const { ctx } = t;
		const w = await world();
		await submitRatings({ ctx, actor: w.client, conversationId: w.conversationId, values: line(30), texts: { plek: 'thuis' } });
		await submitRatings({ ctx, actor: w.professional, conversationId: w.conversationId, values: line(70), texts: { plek: 'werk' } });
		const view = await getConversationForStaff({ locale: 'nl', ctx, actor: w.professional, conversationId: w.conversationId });
		expect(view.gaps?.map((gap) => gap.itemKey).sort()).toEqual(['aanpak', 'algemeen', 'doelen', 'relatie']);
		const timeline = await getCollaborationTimeline({
			ctx,
			actor: w.professional,
			collaborationId: w.collaborationId,
			locale: 'nl'
		});
		expect(timeline.conversations[0]?.gaps?.map((gap) => gap.itemKey).sort()).toEqual(['aanpak', 'algemeen', 'doelen', 'relatie']);
		await expect(
			saveReflections({ ctx, actor: w.client, conversationId: w.conversationId, reflections: [{ itemKey: 'plek', mostSatisfied: 'x' }] })
		).rejects.toMatchObject({ code: 'conversation.unknown_item' });
	});

	it.each([
		['a choice not made', { toelichting: 'alleen tekst' }, 'trajectory.invalid_answer'],
		['an option that is not offered', { plek: 'kantoor' }, 'trajectory.invalid_answer'],
		['a control character', { plek: 'thuis', toelichting: 'bel\u0007' }, 'instruments.answer_control_characters'],
		['text over 2000 characters', { plek: 'thuis', toelichting: 'a'.repeat(2001) }, 'instruments.answer_too_long']
	])('%s is refused and nothing is stored: no rating, no word, not sent', async (_name, texts, code) => {
		const { ctx } = t;
		const w = await world();
		await expect(submitRatings({ ctx, actor: w.client, conversationId: w.conversationId, values: line(30), texts })).rejects.toMatchObject({
			code
		});
		const view = await readConversationAsParticipant(ctx, w.client);
		expect(view.ownRatings).toBeNull();
		expect(view.ownTexts).toBeNull();
		expect(view.parties.find((party) => party.isViewer)?.submitted).toBe(false);
		const stored = await ctx.db
			.selectFrom('conversationParties')
			.select('textValuesJson')
			.where('conversationId', '=', w.conversationId)
			.execute();
		expect(stored.every((row) => row.textValuesJson === null)).toBe(true);
	});

	it('the audit trail counts the answers in words, never holds them', async () => {
		const { ctx } = t;
		const w = await world();
		await submitRatings({
			ctx,
			actor: w.client,
			conversationId: w.conversationId,
			values: line(30),
			texts: { plek: 'thuis', toelichting: CLIENT_WORDS }
		});
		const audit = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'details'])
			.where('action', '=', 'conversation.ratings_submitted')
			.execute();
		expect(audit.map((row) => JSON.parse(row.details ?? '{}').words)).toContain(2);
		expect(JSON.stringify(await ctx.db.selectFrom('auditEvents').selectAll().execute())).not.toContain(CLIENT_WORDS);
	});
});
