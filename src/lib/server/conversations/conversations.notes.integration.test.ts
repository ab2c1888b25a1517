import { expect, it } from 'vitest';
import { buildOrganisation, buildStaff } from '../testing/builders.ts';
import { buildQuickCheck, ratingsOf, readConversationAsParticipant, type BuiltQuickCheck } from '../testing/conversation-builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import type { Actor } from '../access/actor.ts';
import { getConversationForStaff, saveReflections, submitRatings } from './conversations.usecases.ts';

/**
 * Issue 15, part 7 (seed 003): most and least satisfied are spoken. The professional may note
 * what the client says, marked as noted by the professional; the client may still type their own.
 */
describeOnBothDatabases('quick check: the professional notes what the client says', (dialect) => {
	const t = useTestContext(dialect);

	async function revealed(participants = 1): Promise<BuiltQuickCheck> {
		const qc = await buildQuickCheck(t.ctx, { participants });
		for (const actor of [...qc.participants, qc.professional])
			await submitRatings({ ctx: t.ctx, actor, conversationId: qc.conversationId, values: ratingsOf(60) });
		return qc;
	}

	function note(qc: BuiltQuickCheck, actor: Actor, partyId: string, text: string | undefined, least?: string) {
		const notes = [{ partyId, itemKey: 'contact', mostSatisfied: text, leastSatisfied: least }];
		return saveReflections({ ctx: t.ctx, actor, conversationId: qc.conversationId, reflections: [], notes });
	}

	async function rows(qc: BuiltQuickCheck) {
		return t.ctx.db.selectFrom('reflections').selectAll().where('conversationId', '=', qc.conversationId).execute();
	}

	it('the leading professional notes what the client says; the client sees it on their screen marked as noted by the professional', async () => {
		const qc = await revealed();
		const client = qc.participants[0]!;
		await note(qc, qc.professional, client.partyId, 'Je belt altijd terug', 'Lang wachten op een afspraak');
		const seen = await readConversationAsParticipant(t.ctx, client);
		expect(seen.reflections).toEqual([
			{
				partyId: client.partyId,
				itemKey: 'contact',
				mostSatisfied: 'Je belt altijd terug',
				leastSatisfied: 'Lang wachten op een afspraak',
				mostNotedByProfessional: true,
				leastNotedByProfessional: true
			}
		]);
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select('details')
			.where('targetId', '=', qc.conversationId)
			.where('action', '=', 'conversation.reflection_saved')
			.execute();
		expect(audit.map((a) => JSON.parse(String(a.details)))).toEqual([
			{ partyId: client.partyId, itemKey: 'contact', notedByProfessional: true }
		]);
	});

	it('the client may still type their own: their words replace the note and are theirs; the other text keeps its mark', async () => {
		const qc = await revealed();
		const client = qc.participants[0]!;
		await note(qc, qc.professional, client.partyId, 'Je belt terug', 'Wachten');
		await saveReflections({
			ctx: t.ctx,
			actor: client,
			conversationId: qc.conversationId,
			reflections: [{ itemKey: 'contact', mostSatisfied: 'Je belt altijd dezelfde dag terug' }]
		});
		const staff = await getConversationForStaff({ locale: 'nl', ctx: t.ctx, actor: qc.professional, conversationId: qc.conversationId });
		expect(staff.reflections.find((r) => r.partyId === client.partyId)).toMatchObject({
			mostSatisfied: 'Je belt altijd dezelfde dag terug',
			mostNotedByProfessional: false,
			leastSatisfied: 'Wachten',
			leastNotedByProfessional: true
		});
	});

	it('a text neither writer changed is not overwritten: the professional saving an untouched note keeps what the client typed meanwhile', async () => {
		const qc = await revealed();
		const client = qc.participants[0]!;
		await saveReflections({
			ctx: t.ctx,
			actor: client,
			conversationId: qc.conversationId,
			reflections: [{ itemKey: 'contact', mostSatisfied: 'Mijn eigen woorden' }]
		});
		// The professional's page still showed the field empty and they left it: sent as undefined.
		await note(qc, qc.professional, client.partyId, undefined, 'Wat de cliënt net zei');
		expect(await rows(qc)).toEqual([
			expect.objectContaining({ mostSatisfied: 'Mijn eigen woorden', leastSatisfied: 'Wat de cliënt net zei' })
		]);
	});

	it('noting is the professional’s: a client device, another professional, one of another organisation are refused (not found), and nothing is stored', async () => {
		const qc = await revealed(2);
		const [client, other] = qc.participants as [Actor & { partyId: string }, Actor & { partyId: string }];
		const colleague = await buildStaff(t.ctx, qc.admin, { roles: ['professional'] });
		const stranger = await buildOrganisation(t.ctx);
		for (const actor of [client, other, colleague, stranger])
			await expect(note(qc, actor, other.partyId, 'Ingevuld door een ander')).rejects.toMatchObject({ code: 'not_found' });
		expect(await rows(qc)).toEqual([]);
	});

	it('the professional notes for a client party only: not for their own party nor a party of another conversation', async () => {
		const qc = await revealed();
		const elsewhere = await revealed();
		const ownParty = (
			await getConversationForStaff({ locale: 'nl', ctx: t.ctx, actor: qc.professional, conversationId: qc.conversationId })
		).viewer.partyId!;
		await expect(note(qc, qc.professional, ownParty, 'Zelf')).rejects.toMatchObject({ code: 'not_found' });
		await expect(note(qc, qc.professional, elsewhere.participants[0]!.partyId, 'Elders')).rejects.toMatchObject({ code: 'not_found' });
		await expect(note(qc, qc.professional, qc.participants[0]!.partyId, 'x'.repeat(501))).rejects.toMatchObject({
			code: 'conversation.text_too_long'
		});
		expect(await rows(qc)).toEqual([]);
	});
});
