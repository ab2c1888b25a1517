import { expect, it } from 'vitest';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import {
	closeCollaboration,
	createCollaboration,
	getCollaboration,
	listMyCollaborations,
	reopenCollaboration,
	updateCollaboration
} from './collaborations.usecases.ts';
import { addParticipant, removeParticipant, updateParticipant } from './participants.usecases.ts';

const INPUT = {
	label: 'Fam. J.',
	rhythmWeeks: 12,
	nextDueOn: null,
	participants: [
		{ displayName: 'moeder', audience: 'adult' as const, locale: 'nl' as const, email: 'moeder@example.nl' },
		{ displayName: 'Sam', audience: 'child' as const, locale: 'nl' as const, email: null }
	]
};

describeOnBothDatabases('collaborations', (dialect) => {
	const t = useTestContext(dialect);

	async function professional() {
		const admin = await buildOrganisation(t.ctx);
		return buildStaff(t.ctx, admin, { roles: ['professional'] });
	}

	it('the creator becomes the holder; with a rhythm and no date the first conversation is N weeks from today', async () => {
		t.ctx.clock.set('2025-05-10T22:30:00Z'); // already 11 May in Amsterdam
		const pro = await professional();
		const { collaborationId } = await createCollaboration({ ctx: t.ctx, actor: pro, input: INPUT });
		const collaboration = await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId });
		expect(collaboration).toMatchObject({
			label: 'Fam. J.',
			status: 'open',
			rhythmWeeks: 12,
			nextDueOn: '2025-08-03',
			dueState: 'planned',
			myRole: 'holder',
			closedAt: null,
			professionals: [{ userId: pro.userId, role: 'holder', active: true }]
		});
		expect(collaboration.participants.map((p) => [p.displayName, p.audience, p.email])).toEqual([
			['moeder', 'adult', 'moeder@example.nl'],
			['Sam', 'child', null]
		]);
	});

	it('a manual rhythm without a date stays unplanned', async () => {
		const pro = await professional();
		const { collaborationId } = await createCollaboration({ ctx: t.ctx, actor: pro, input: { ...INPUT, rhythmWeeks: null } });
		expect(await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId })).toMatchObject({ nextDueOn: null, dueState: 'none' });
	});

	it('a label that looks like a BSN or no participant is refused, even past the form', async () => {
		const pro = await professional();
		await expect(createCollaboration({ ctx: t.ctx, actor: pro, input: { ...INPUT, label: '123456782' } })).rejects.toMatchObject({
			code: 'validation'
		});
		await expect(createCollaboration({ ctx: t.ctx, actor: pro, input: { ...INPUT, participants: [] } })).rejects.toMatchObject({
			code: 'validation'
		});
		expect(await listMyCollaborations({ ctx: t.ctx, actor: pro })).toEqual([]);
	});

	it('my collaborations: the ones I hold or co-hold, open first, soonest due on top, with participant counts', async () => {
		t.ctx.clock.set('2025-05-10T10:00:00Z');
		const pro = await professional();
		const colleague = await buildStaff(t.ctx, pro, { roles: ['professional'] });
		await buildCollaboration(t.ctx, pro, { label: 'Later', nextDueOn: '2025-09-01', participants: 1 });
		await buildCollaboration(t.ctx, pro, { label: 'Closed', nextDueOn: '2025-01-01', status: 'closed' });
		await buildCollaboration(t.ctx, colleague, { label: 'Shared', nextDueOn: '2025-05-20', participants: 3, coProfessionals: [pro] });
		await buildCollaboration(t.ctx, pro, { label: 'Late', nextDueOn: '2025-05-01', participants: 2 });
		await buildCollaboration(t.ctx, colleague, { label: 'Not mine', nextDueOn: '2025-05-01' });
		const list = await listMyCollaborations({ ctx: t.ctx, actor: pro });
		expect(list.map((c) => [c.label, c.status, c.dueState, c.myRole, c.participantCount])).toEqual([
			['Late', 'open', 'overdue', 'holder', 2],
			['Shared', 'open', 'due', 'co', 3],
			['Later', 'open', 'planned', 'holder', 1],
			['Closed', 'closed', 'none', 'holder', 1]
		]);
	});

	it('the details change; an empty date with a rhythm plans from today', async () => {
		t.ctx.clock.set('2025-05-10T10:00:00Z');
		const pro = await professional();
		const { collaborationId } = await buildCollaboration(t.ctx, pro, { nextDueOn: '2025-06-01' });
		await updateCollaboration({ ctx: t.ctx, actor: pro, collaborationId, input: { label: 'S.', rhythmWeeks: 6, nextDueOn: '2025-05-12' } });
		expect(await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId })).toMatchObject({
			label: 'S.',
			rhythmWeeks: 6,
			nextDueOn: '2025-05-12'
		});
		await updateCollaboration({ ctx: t.ctx, actor: pro, collaborationId, input: { label: 'S.', rhythmWeeks: 2, nextDueOn: null } });
		expect(await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId })).toMatchObject({ nextDueOn: '2025-05-24' });
	});

	it('a removed participant leaves the list but stays stored; the last one cannot be removed', async () => {
		const pro = await professional();
		const { collaborationId, participantIds } = await buildCollaboration(t.ctx, pro, { participants: 2 });
		await removeParticipant({ ctx: t.ctx, actor: pro, collaborationId, participantId: participantIds[0]! });
		const after = await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId });
		expect(after.participants.map((p) => p.id)).toEqual([participantIds[1]]);
		const stored = await t.ctx.db
			.selectFrom('participants')
			.select(['id', 'removedAt'])
			.where('id', '=', participantIds[0]!)
			.executeTakeFirst();
		expect(stored?.removedAt).not.toBeNull();
		await expect(removeParticipant({ ctx: t.ctx, actor: pro, collaborationId, participantId: participantIds[1]! })).rejects.toMatchObject({
			code: 'collaboration.last_participant'
		});
		// A removed participant cannot be changed or removed again.
		const input = { displayName: 'x', audience: 'adult' as const, locale: 'nl' as const, email: null };
		await expect(
			updateParticipant({ ctx: t.ctx, actor: pro, collaborationId, participantId: participantIds[0]!, input })
		).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('participants are added and changed only within their own collaboration', async () => {
		const pro = await professional();
		const one = await buildCollaboration(t.ctx, pro);
		const other = await buildCollaboration(t.ctx, pro);
		const input = { displayName: 'vader', audience: 'adult' as const, locale: 'en' as const, email: null };
		const { participantId } = await addParticipant({ ctx: t.ctx, actor: pro, collaborationId: one.collaborationId, input });
		await expect(
			updateParticipant({
				ctx: t.ctx,
				actor: pro,
				collaborationId: other.collaborationId,
				participantId,
				input: { ...input, displayName: 'y' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			removeParticipant({ ctx: t.ctx, actor: pro, collaborationId: other.collaborationId, participantId })
		).rejects.toMatchObject({ code: 'not_found' });
		await updateParticipant({
			ctx: t.ctx,
			actor: pro,
			collaborationId: one.collaborationId,
			participantId,
			input: { ...input, audience: 'child' }
		});
		const names = (await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId: one.collaborationId })).participants;
		expect(names.map((p) => [p.displayName, p.audience, p.locale])).toEqual([
			['Participant 1', 'adult', 'nl'],
			['vader', 'child', 'en']
		]);
	});

	it('closing starts the retention clock and blocks changes until the collaboration is reopened', async () => {
		t.ctx.clock.set('2025-05-10T10:00:00Z');
		const pro = await professional();
		const { collaborationId } = await buildCollaboration(t.ctx, pro, { nextDueOn: '2025-05-01' });
		await closeCollaboration({ ctx: t.ctx, actor: pro, collaborationId });
		t.ctx.clock.set('2025-05-11T10:00:00Z');
		await closeCollaboration({ ctx: t.ctx, actor: pro, collaborationId }); // twice keeps the first date
		expect(await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId })).toMatchObject({
			status: 'closed',
			closedAt: '2025-05-10T10:00:00.000Z',
			dueState: 'none'
		});
		const input = { displayName: 'x', audience: 'adult' as const, locale: 'nl' as const, email: null };
		await expect(addParticipant({ ctx: t.ctx, actor: pro, collaborationId, input })).rejects.toMatchObject({
			code: 'collaboration.closed'
		});
		await expect(
			updateCollaboration({ ctx: t.ctx, actor: pro, collaborationId, input: { label: 'x', rhythmWeeks: null, nextDueOn: null } })
		).rejects.toMatchObject({ code: 'collaboration.closed' });
		await reopenCollaboration({ ctx: t.ctx, actor: pro, collaborationId });
		expect(await getCollaboration({ ctx: t.ctx, actor: pro, collaborationId })).toMatchObject({ status: 'open', closedAt: null });
		await expect(addParticipant({ ctx: t.ctx, actor: pro, collaborationId, input })).resolves.toHaveProperty('participantId');
	});
});
