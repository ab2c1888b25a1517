import { expect, it } from 'vitest';
import { buildOrganisation, buildStaff, buildTeam } from '../testing/builders.ts';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { createTeam, listTeams, removeTeamMember, setTeamMember } from './teams.usecases.ts';

describeOnBothDatabases('teams', (dialect) => {
	const t = useTestContext(dialect);

	it('an admin creates a team, and the creation is audited', async () => {
		const admin = await buildOrganisation(t.ctx);
		const { teamId } = await createTeam({ ctx: t.ctx, actor: admin, input: { name: 'Noord' } });
		expect(await listTeams({ ctx: t.ctx, actor: admin })).toEqual([{ id: teamId, name: 'Noord', members: [] }]);
		const audit = await t.ctx.db
			.selectFrom('auditEvents')
			.select(['action', 'targetId'])
			.where('organisationId', '=', admin.organisationId)
			.execute();
		expect(audit).toEqual([{ action: 'team.created', targetId: teamId }]);
	});

	it('team names are unique within an organisation (team.duplicate_name), not across organisations', async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		await createTeam({ ctx: t.ctx, actor: admin, input: { name: 'Zuid' } });
		await expect(createTeam({ ctx: t.ctx, actor: admin, input: { name: 'Zuid' } })).rejects.toMatchObject({ code: 'team.duplicate_name' });
		await expect(createTeam({ ctx: t.ctx, actor: other, input: { name: 'Zuid' } })).resolves.toMatchObject({ teamId: expect.any(String) });
	});

	it('an admin adds members, changes their team role and removes them', async () => {
		const admin = await buildOrganisation(t.ctx);
		const member = await buildStaff(t.ctx, admin, { name: 'Mila Member' });
		const team = await buildTeam(t.ctx, admin);
		const input = { teamId: team.teamId, userId: member.userId };
		await setTeamMember({ ctx: t.ctx, actor: admin, input: { ...input, role: 'member' } });
		await setTeamMember({ ctx: t.ctx, actor: admin, input: { ...input, role: 'lead' } });
		expect((await listTeams({ ctx: t.ctx, actor: admin }))[0]!.members).toEqual([
			{ userId: member.userId, name: 'Mila Member', role: 'lead' }
		]);
		await removeTeamMember({ ctx: t.ctx, actor: admin, input });
		expect((await listTeams({ ctx: t.ctx, actor: admin }))[0]!.members).toEqual([]);
		await expect(removeTeamMember({ ctx: t.ctx, actor: admin, input })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('only admins manage teams; others get not found', async () => {
		const admin = await buildOrganisation(t.ctx);
		const lead = await buildStaff(t.ctx, admin, { roles: ['teamLead'] });
		const team = await buildTeam(t.ctx, admin, { members: [{ userId: lead.userId, role: 'lead' }] });
		await expect(createTeam({ ctx: t.ctx, actor: lead, input: { name: 'Mine' } })).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			setTeamMember({ ctx: t.ctx, actor: lead, input: { teamId: team.teamId, userId: lead.userId, role: 'member' } })
		).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(listTeams({ ctx: t.ctx, actor: lead })).rejects.toMatchObject({ code: 'not_found' });
	});

	it('the schema refuses a team membership across organisations, whatever the code does', async () => {
		const admin = await buildOrganisation(t.ctx);
		const other = await buildOrganisation(t.ctx);
		const team = await buildTeam(t.ctx, admin);
		await expect(
			t.ctx.db
				.insertInto('teamMembers')
				.values({ organisationId: admin.organisationId, teamId: team.teamId, userId: other.userId, role: 'member' })
				.execute()
		).rejects.toThrow();
	});
});
