import { expect, it } from 'vitest';
import { addParticipant } from '../collaborations/participants.usecases.ts';
import { getInstrumentForConversation } from '../instruments/instruments.usecases.ts';
import { findClientLocales } from '../organisations/organisations.repository.ts';
import { buildRunningConversation, joinAs } from '../testing/participation-world.ts';
import { describeOnBothDatabases, useTestContext, type TestContext } from '../testing/test-context.ts';
import { getParticipantLanguages, setParticipantLocale } from './language.usecases.ts';
import { authenticateDevice } from './participation.usecases.ts';

describeOnBothDatabases('participation: a participant’s own language', (dialect) => {
	const t = useTestContext(dialect);

	async function offer(ctx: TestContext, organisationId: string, stored: string) {
		await ctx.db.updateTable('organisations').set({ clientLocales: stored }).where('id', '=', organisationId).execute();
	}

	async function localeOf(ctx: TestContext, participantId: string) {
		return (await ctx.db.selectFrom('participants').select('locale').where('id', '=', participantId).executeTakeFirstOrThrow()).locale;
	}

	it('an organisation offers Dutch and English until an admin switches on more; Dutch is always offered', async () => {
		const world = await buildRunningConversation(t.ctx);
		expect(await findClientLocales(t.ctx.db, world.organisationId)).toEqual(['nl', 'en']);
		await offer(t.ctx, world.organisationId, 'ar,pl,xx');
		expect(await findClientLocales(t.ctx.db, world.organisationId)).toEqual(['nl', 'ar', 'pl']);
	});

	it('the professional cannot give a participant a language the organisation does not offer: refused, nothing saved', async () => {
		const world = await buildRunningConversation(t.ctx);
		const input = { displayName: 'Ayşe', audience: 'adult' as const, locale: 'tr' as const, email: null };
		const add = () => addParticipant({ ctx: t.ctx, actor: world.professional, collaborationId: world.collaborationId, input });
		await expect(add()).rejects.toMatchObject({ code: 'collaboration.locale_not_offered' });
		const names = await t.ctx.db
			.selectFrom('participants')
			.select('displayName')
			.where('collaborationId', '=', world.collaborationId)
			.execute();
		expect(names.map((p) => p.displayName)).not.toContain('Ayşe');
		await offer(t.ctx, world.organisationId, 'nl,en,tr');
		const { participantId } = await add();
		expect(await localeOf(t.ctx, participantId)).toBe('tr');
	});

	it('a participant changes their own language on their phone, only to one that is offered, and the device reads in it', async () => {
		const world = await buildRunningConversation(t.ctx);
		const grant = await joinAs(t.ctx, world, world.partyIds[0]!);
		expect(await getParticipantLanguages({ ctx: t.ctx, actor: grant.actor })).toEqual(['nl', 'en']);
		await expect(setParticipantLocale({ ctx: t.ctx, actor: grant.actor, locale: 'ar' })).rejects.toMatchObject({
			code: 'collaboration.locale_not_offered'
		});
		expect(await localeOf(t.ctx, grant.actor.participantId)).toBe('nl');

		await offer(t.ctx, world.organisationId, 'nl,en,ar');
		await setParticipantLocale({ ctx: t.ctx, actor: grant.actor, locale: 'ar' });
		expect(await localeOf(t.ctx, grant.actor.participantId)).toBe('ar');
		expect(await authenticateDevice(t.ctx, grant.token)).toMatchObject({ type: 'participant', locale: 'ar' });
		// The other participant keeps their own language.
		const other = await t.ctx.db
			.selectFrom('conversationParties')
			.select('participantId')
			.where('id', '=', world.partyIds[1]!)
			.executeTakeFirstOrThrow();
		expect(await localeOf(t.ctx, other.participantId!)).toBe('nl');
	});

	it('staff have no client language to choose from and cannot set a participant’s language this way', async () => {
		const world = await buildRunningConversation(t.ctx);
		expect(await getParticipantLanguages({ ctx: t.ctx, actor: world.professional })).toBeNull();
		await expect(setParticipantLocale({ ctx: t.ctx, actor: world.professional, locale: 'en' })).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('each party reads the same item in their own language; an untranslated text falls back to Dutch, marked as Dutch', async () => {
		const world = await buildRunningConversation(t.ctx);
		const conversation = await t.ctx.db
			.selectFrom('conversations')
			.select('instrumentId')
			.where('id', '=', world.conversationId)
			.executeTakeFirstOrThrow();
		const read = (locale: 'ar' | 'pl' | 'nl') =>
			getInstrumentForConversation(t.ctx, {
				organisationId: world.organisationId,
				instrumentId: conversation.instrumentId!,
				audience: 'adult',
				locale,
				planTerm: 'plan'
			});
		const [ar, pl, nl] = await Promise.all([read('ar'), read('pl'), read('nl')]);
		expect(ar.items.map((item) => item.key)).toEqual(nl.items.map((item) => item.key));
		for (const [index, item] of ar.items.entries()) {
			expect(item.lang).toBe('ar');
			expect(item.text).not.toBe(nl.items[index]!.text);
			expect(pl.items[index]!.lang).toBe('pl');
		}
	});
});
