import { expect, it } from 'vitest';
import { anonymousActor, buildCollaboration, buildOrganisation, buildStaff, buildTeam } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { listHandoverOverview } from './handover.list.usecases.ts';
import { handOverCollaboration } from './handover.usecases.ts';

describeOnBothDatabases('handing over one collaboration from the list of an admin or team lead', (dialect) => {
	const t = useTestContext(dialect);

	/** Two teams; Anna (team A) holds two open and one closed collaboration, Bram (team B) one. */
	async function buildWorld() {
		const admin = await buildOrganisation(t.ctx);
		const anna = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Anna' });
		const bram = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Bram' });
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead'], name: 'Lotte' });
		const gone = await buildStaff(t.ctx, admin, { roles: ['professional'], name: 'Gone', status: 'deactivated' });
		await buildTeam(t.ctx, admin, { members: [{ userId: anna.userId }, { userId: lead.userId, role: 'lead' }] });
		await buildTeam(t.ctx, admin, { members: [{ userId: bram.userId }] });
		const first = await buildCollaboration(t.ctx, anna, { label: 'SecretLabelOne' });
		t.ctx.clock.advance(1000); // listed oldest first
		const second = await buildCollaboration(t.ctx, anna, { label: 'SecretLabelTwo' });
		await buildCollaboration(t.ctx, anna, { status: 'closed' });
		const bramsOwn = await buildCollaboration(t.ctx, bram);
		return { admin, anna, bram, lead, gone, first, second, bramsOwn };
	}

	async function holderOf(collaborationId: string) {
		const row = await t.ctx.db
			.selectFrom('collaborationProfessionals')
			.select('userId')
			.where('collaborationId', '=', collaborationId)
			.where('role', '=', 'holder')
			.executeTakeFirst();
		return row?.userId;
	}

	it('an admin sees every open collaboration of the organisation by holder, by reference and dates only, never a label', async () => {
		const w = await buildWorld();
		await buildCollaboration(t.ctx, await buildOrganisation(t.ctx)); // another organisation's
		const overview = await listHandoverOverview({ ctx: t.ctx, actor: w.admin });
		expect(overview.holders.map((h) => [h.name, h.collaborations.map((c) => c.id)])).toEqual([
			['Anna', [w.first.collaborationId, w.second.collaborationId]],
			['Bram', [w.bramsOwn.collaborationId]]
		]);
		expect(JSON.stringify(overview)).not.toMatch(/SecretLabel/);
		expect(overview.candidates.map((c) => c.name)).toEqual(['Anna', 'Bram']);
	});

	it('a team lead sees only the collaborations held by members of the teams they lead, and hands one over with a note', async () => {
		const w = await buildWorld();
		const overview = await listHandoverOverview({ ctx: t.ctx, actor: w.lead });
		expect(overview.holders.map((h) => [h.name, h.collaborations.length])).toEqual([['Anna', 2]]);

		await handOverCollaboration({
			ctx: t.ctx,
			actor: w.lead,
			collaborationId: w.first.collaborationId,
			input: { toUserId: w.bram.userId, note: 'Anna is ziek.' }
		});
		expect(await holderOf(w.first.collaborationId)).toBe(w.bram.userId);
		expect(await holderOf(w.second.collaborationId)).toBe(w.anna.userId);
		const after = await listHandoverOverview({ ctx: t.ctx, actor: w.lead });
		expect(after.holders.map((h) => [h.name, h.collaborations.map((c) => c.id)])).toEqual([['Anna', [w.second.collaborationId]]]);
	});

	it('to a deactivated professional or someone of another organisation: a clear message and nothing changed', async () => {
		const w = await buildWorld();
		const outsider = await buildStaff(t.ctx, await buildOrganisation(t.ctx), { roles: ['professional'] });
		for (const to of [w.gone, outsider]) {
			await expect(
				handOverCollaboration({
					ctx: t.ctx,
					actor: w.admin,
					collaborationId: w.first.collaborationId,
					input: { toUserId: to.userId, note: '' }
				})
			).rejects.toMatchObject({ code: 'collaboration.not_a_professional', status: 400 });
		}
		expect(await holderOf(w.first.collaborationId)).toBe(w.anna.userId);
		expect(
			await t.ctx.db.selectFrom('collaborationHandovers').select('id').where('collaborationId', '=', w.first.collaborationId).execute()
		).toEqual([]);
	});

	it('a professional, a coordinator and someone without an account get not found; a lead gets not found for another team’s collaboration', async () => {
		const w = await buildWorld();
		const coordinator = await buildStaff(t.ctx, w.admin, { roles: ['trajectoryCoordinator'] });
		for (const actor of [w.anna, coordinator, anonymousActor]) {
			await expect(listHandoverOverview({ ctx: t.ctx, actor })).rejects.toMatchObject({ code: 'not_found' });
		}
		await expect(
			handOverCollaboration({
				ctx: t.ctx,
				actor: w.lead,
				collaborationId: w.bramsOwn.collaborationId,
				input: { toUserId: w.anna.userId, note: '' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		expect(await holderOf(w.bramsOwn.collaborationId)).toBe(w.bram.userId);
	});
});
