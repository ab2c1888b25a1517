import { filterAccessible, requireAccess } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { listOpenCollaborationsByHolder } from './handover.repository.ts';

export interface HandoverOverview {
	/** Holders with the open collaborations the actor may hand over, by the holder's name. */
	holders: {
		userId: string;
		name: string;
		active: boolean;
		collaborations: { id: string; createdAt: string; nextDueOn: string | null }[];
	}[];
	/** Who may take a collaboration over: the organisation's active professionals. */
	candidates: { userId: string; name: string }[];
}

/**
 * For admins and team leads, who hand over without seeing a collaboration (decision 006): the
 * open collaborations they may hand over one by one (an admin every one of the organisation, a
 * team lead those held by members of the teams they lead, as collaboration.handover decides), by
 * reference and dates only — the holder finds the same reference on the collaboration's page.
 */
export async function listHandoverOverview({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<HandoverOverview> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.handover.list' });
	const open = await listOpenCollaborationsByHolder(ctx.db, staff.organisationId);
	const allowed = await filterAccessible({ db: ctx.db, actor, permission: 'collaboration.handover', ids: open.map((c) => c.id) });
	const members = await createStaffRepository(ctx.db).listStaff(staff.organisationId);
	const holders = members.flatMap((member) => {
		const held = open.filter((c) => c.holderId === member.userId && allowed.has(c.id));
		if (held.length === 0) return [];
		const collaborations = held.map(({ id, createdAt, nextDueOn }) => ({ id, createdAt, nextDueOn }));
		return [{ userId: member.userId, name: member.name, active: member.status === 'active', collaborations }];
	});
	const candidates = members
		.filter((member) => member.status === 'active' && member.roles.includes('professional'))
		.map(({ userId, name }) => ({ userId, name }));
	return { holders, candidates };
}
