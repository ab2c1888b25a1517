import { expect, it } from 'vitest';
import type { StaffActor } from '../access/actor.ts';
import { buildCollaboration, buildOrganisation, buildStaff } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { closeCollaboration, getCollaboration, listMyCollaborations, updateCollaboration } from './collaborations.usecases.ts';
import { addParticipant, removeParticipant, updateParticipant } from './participants.usecases.ts';
import { addCoProfessional, listProfessionalCandidates, removeCoProfessional } from './professionals.usecases.ts';

const PARTICIPANT = { displayName: 'x', audience: 'adult' as const, locale: 'nl' as const, email: null };

describeOnBothDatabases('collaboration access', (dialect) => {
	const t = useTestContext(dialect);

	/** Every way to read or change one collaboration; each must answer not found to an outsider. */
	function attemptsOn(actor: StaffActor, collaborationId: string, participantId: string, holderId: string) {
		const ctx = t.ctx;
		return [
			() => getCollaboration({ ctx, actor, collaborationId }),
			() => updateCollaboration({ ctx, actor, collaborationId, input: { label: 'x', rhythmWeeks: null, nextDueOn: null } }),
			() => closeCollaboration({ ctx, actor, collaborationId }),
			() => addParticipant({ ctx, actor, collaborationId, input: PARTICIPANT }),
			() => updateParticipant({ ctx, actor, collaborationId, participantId, input: PARTICIPANT }),
			() => removeParticipant({ ctx, actor, collaborationId, participantId }),
			() => listProfessionalCandidates({ ctx, actor, collaborationId }),
			() => addCoProfessional({ ctx, actor, collaborationId, userId: actor.userId }),
			() => removeCoProfessional({ ctx, actor, collaborationId, userId: holderId })
		];
	}

	async function expectUnreachable(actor: StaffActor, built: { collaborationId: string; participantIds: string[] }, holderId: string) {
		for (const attempt of attemptsOn(actor, built.collaborationId, built.participantIds[0]!, holderId)) {
			await expect(attempt()).rejects.toMatchObject({ code: 'not_found', status: 404 });
		}
	}

	it("a professional cannot see or change another professional's collaboration unless co-holding it", async () => {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const other = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const built = await buildCollaboration(t.ctx, holder, { participants: 2, label: 'Private' });
		await expectUnreachable(other, built, holder.userId);
		expect(await listMyCollaborations({ ctx: t.ctx, actor: other })).toEqual([]);

		await addCoProfessional({ ctx: t.ctx, actor: holder, collaborationId: built.collaborationId, userId: other.userId });
		expect((await getCollaboration({ ctx: t.ctx, actor: other, collaborationId: built.collaborationId })).myRole).toBe('co');
		expect((await listMyCollaborations({ ctx: t.ctx, actor: other })).map((c) => c.label)).toEqual(['Private']);

		// Removing themselves ends the co-professional's access again.
		await removeCoProfessional({ ctx: t.ctx, actor: other, collaborationId: built.collaborationId, userId: other.userId });
		await expectUnreachable(other, built, holder.userId);
		const unchanged = await getCollaboration({ ctx: t.ctx, actor: holder, collaborationId: built.collaborationId });
		expect(unchanged).toMatchObject({ label: 'Private', status: 'open' });
		expect(unchanged.participants).toHaveLength(2);
	});

	it('an admin and a team lead get not found for any collaboration, also in their own organisation', async () => {
		const admin = await buildOrganisation(t.ctx);
		const teamLead = await buildStaff(t.ctx, admin, { roles: ['teamLead'] });
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const built = await buildCollaboration(t.ctx, holder, { participants: 2 });
		for (const actor of [admin, teamLead]) {
			await expectUnreachable(actor, built, holder.userId);
			await expect(listMyCollaborations({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
		// Not even as a co-professional: only professionals can be added.
		await expect(
			addCoProfessional({ ctx: t.ctx, actor: holder, collaborationId: built.collaborationId, userId: teamLead.userId })
		).rejects.toMatchObject({
			code: 'collaboration.not_a_professional'
		});
	});

	it("organisation A cannot reach organisation B's collaborations, nor add B's professionals", async () => {
		const a = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional'] });
		const b = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional'] });
		const ofB = await buildCollaboration(t.ctx, b, { participants: 2 });
		const ofA = await buildCollaboration(t.ctx, a);
		await expectUnreachable(a, ofB, b.userId);
		await expect(addCoProfessional({ ctx: t.ctx, actor: a, collaborationId: ofA.collaborationId, userId: b.userId })).rejects.toMatchObject(
			{
				code: 'collaboration.not_a_professional'
			}
		);
		// A participant id of B's collaboration is not found through A's own collaboration either.
		await expect(
			removeParticipant({ ctx: t.ctx, actor: a, collaborationId: ofA.collaborationId, participantId: ofB.participantIds[0]! })
		).rejects.toMatchObject({ code: 'not_found' });
		expect((await listMyCollaborations({ ctx: t.ctx, actor: a })).map((c) => c.id)).toEqual([ofA.collaborationId]);
	});

	it('co-professionals: active professionals of the organisation only, once each, and never the holder removed', async () => {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Hanna' });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional', 'teamLead'], name: 'Bram' });
		const gone = await buildStaff(t.ctx, admin, { roles: ['professional'], status: 'deactivated' });
		const { collaborationId } = await buildCollaboration(t.ctx, holder);
		const candidates = await listProfessionalCandidates({ ctx: t.ctx, actor: holder, collaborationId });
		expect(candidates.map((c) => c.userId)).toEqual([colleague.userId]);
		await expect(addCoProfessional({ ctx: t.ctx, actor: holder, collaborationId, userId: gone.userId })).rejects.toMatchObject({
			code: 'collaboration.not_a_professional'
		});
		await addCoProfessional({ ctx: t.ctx, actor: holder, collaborationId, userId: colleague.userId });
		await expect(addCoProfessional({ ctx: t.ctx, actor: holder, collaborationId, userId: colleague.userId })).rejects.toMatchObject({
			code: 'collaboration.already_added'
		});
		await expect(removeCoProfessional({ ctx: t.ctx, actor: colleague, collaborationId, userId: holder.userId })).rejects.toMatchObject({
			code: 'collaboration.holder_stays'
		});
		const professionals = (await getCollaboration({ ctx: t.ctx, actor: colleague, collaborationId })).professionals;
		expect(professionals.map((p) => [p.name, p.role])).toEqual([
			['Hanna', 'holder'],
			['Bram', 'co']
		]);
	});

	it('every read and change is audited with ids and codes only, never a label or a name', async () => {
		const admin = await buildOrganisation(t.ctx);
		const holder = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const colleague = await buildStaff(t.ctx, admin, { roles: ['professional'] });
		const { collaborationId, participantIds } = await buildCollaboration(t.ctx, holder, { label: 'SecretLabel', participants: 2 });
		const ctx = t.ctx;
		await listMyCollaborations({ ctx, actor: holder });
		await getCollaboration({ ctx, actor: holder, collaborationId });
		await updateCollaboration({ ctx, actor: holder, collaborationId, input: { label: 'SecretLabel2', rhythmWeeks: 4, nextDueOn: null } });
		const { participantId } = await addParticipant({
			ctx,
			actor: holder,
			collaborationId,
			input: { ...PARTICIPANT, displayName: 'SecretName' }
		});
		await updateParticipant({ ctx, actor: holder, collaborationId, participantId, input: { ...PARTICIPANT, displayName: 'SecretName2' } });
		await removeParticipant({ ctx, actor: holder, collaborationId, participantId: participantIds[0]! });
		await addCoProfessional({ ctx, actor: holder, collaborationId, userId: colleague.userId });
		await removeCoProfessional({ ctx, actor: holder, collaborationId, userId: colleague.userId });
		await closeCollaboration({ ctx, actor: holder, collaborationId });
		const events = await ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'actorId', 'targetId', 'details'])
			.where('organisationId', '=', admin.organisationId)
			.orderBy('occurredAt')
			.execute();
		// Access-log entries (NEN 7513, access-log.integration.test.ts) come beside the domain events.
		const access = events.filter((e) => e.action.startsWith('access.'));
		expect(access.length).toBeGreaterThanOrEqual(9);
		expect(
			events
				.filter((e) => !e.action.startsWith('access.'))
				.map((e) => e.action)
				.toSorted()
		).toEqual(
			[
				'collaboration.listed',
				'collaboration.viewed',
				'collaboration.updated',
				'collaboration.participant_added',
				'collaboration.participant_updated',
				'collaboration.participant_removed',
				'collaboration.professional_added',
				'collaboration.professional_removed',
				'collaboration.closed'
			].toSorted()
		);
		expect(events.every((e) => e.actorId === holder.userId)).toBe(true);
		expect(events.filter((e) => e.action !== 'collaboration.listed').every((e) => e.targetId === collaborationId)).toBe(true);
		expect(JSON.stringify(events)).not.toMatch(/Secret|Participant \d/);
	});
});
