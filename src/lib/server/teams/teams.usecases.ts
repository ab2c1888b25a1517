import * as v from 'valibot';
import { requireAccess, requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createTeamsRepository, type Team } from './teams.repository.ts';
import type { createTeamSchema, removeTeamMemberSchema, teamMemberSchema } from './teams.schemas.ts';

export async function listTeams({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<Team[]> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'staff.list' });
	return createTeamsRepository(ctx.db).listTeams(staff.organisationId);
}

export async function createTeam({ ctx, actor, input }: { ctx: AppContext; actor: Actor; input: v.InferOutput<typeof createTeamSchema> }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'team.create' });
	const repo = createTeamsRepository(ctx.db);
	if (await repo.findTeamByName(staff.organisationId, input.name)) throw domainError('team.duplicate_name');
	const id = newId();
	await write(async (trx) => {
		await createTeamsRepository(trx).insertTeam({
			id,
			organisationId: staff.organisationId,
			name: input.name,
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, { actor, action: 'team.created', target: { type: 'team', id } });
	});
	return { teamId: id };
}

export async function setTeamMember({
	ctx,
	actor,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	input: v.InferOutput<typeof teamMemberSchema>;
}) {
	await requireAccess({ db: ctx.db, actor, permission: 'team.manage', ids: [input.teamId] });
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'staff.manage', ids: [input.userId] });
	await write(async (trx) => {
		await createTeamsRepository(trx).addMember({ organisationId: staff.organisationId, ...input });
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'team.member_set',
			target: { type: 'team', id: input.teamId },
			details: { userId: input.userId, role: input.role }
		});
	});
}

export async function removeTeamMember({
	ctx,
	actor,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	input: v.InferOutput<typeof removeTeamMemberSchema>;
}) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'team.manage', ids: [input.teamId] });
	await write(async (trx) => {
		if (!(await createTeamsRepository(trx).removeMember(staff.organisationId, input.teamId, input.userId))) throw domainError('not_found');
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'team.member_removed',
			target: { type: 'team', id: input.teamId },
			details: { userId: input.userId }
		});
	});
}
