import { requireAccess, requireAccessToChange } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { requireOpen } from './collaborations.models.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';

/** Co-professionals: colleagues of the same organisation who work on the collaboration too. */

interface ProfessionalChange {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}

/** Active professionals of the actor's organisation who are not on this collaboration yet. */
export async function listProfessionalCandidates({ ctx, actor, collaborationId }: ProfessionalChange) {
	// Only those who may change the collaboration see whom they could add: checked, and logged as a view.
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.update', ids: [collaborationId], purpose: 'view' });
	const [members, links] = await Promise.all([
		createStaffRepository(ctx.db).listStaff(staff.organisationId),
		createCollaborationsRepository(ctx.db).listProfessionals(staff.organisationId, collaborationId)
	]);
	return members
		.filter((member) => member.status === 'active' && member.roles.includes('professional'))
		.filter((member) => !links.some((link) => link.userId === member.userId))
		.map(({ userId, name, email }) => ({ userId, name, email }));
}

export async function addCoProfessional({ ctx, actor, collaborationId, userId }: ProfessionalChange & { userId: string }) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	const colleague = await createStaffRepository(ctx.db).findStaffMember(staff.organisationId, userId);
	if (!colleague || colleague.status !== 'active' || !colleague.roles.includes('professional')) {
		throw domainError('collaboration.not_a_professional');
	}
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createCollaborationsRepository(trx);
		requireOpen(await repo.findCollaboration(staff.organisationId, collaborationId));
		const links = await repo.listProfessionals(staff.organisationId, collaborationId);
		if (links.some((link) => link.userId === userId)) throw domainError('collaboration.already_added');
		await repo.addProfessional({
			organisationId: staff.organisationId,
			collaborationId,
			userId,
			role: 'co',
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.professional_added',
			target: { type: 'collaboration', id: collaborationId },
			details: { userId }
		});
		await logAccess(trx);
	});
}

/** Any professional on the collaboration may remove a co-professional (also themselves), never the holder. */
export async function removeCoProfessional({ ctx, actor, collaborationId, userId }: ProfessionalChange & { userId: string }) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	await ctx.db.transaction().execute(async (trx) => {
		const repo = createCollaborationsRepository(trx);
		requireOpen(await repo.findCollaboration(staff.organisationId, collaborationId));
		const link = (await repo.listProfessionals(staff.organisationId, collaborationId)).find((l) => l.userId === userId);
		if (!link) throw domainError('not_found');
		if (link.role === 'holder') throw domainError('collaboration.holder_stays');
		await repo.removeCoProfessional(staff.organisationId, collaborationId, userId);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.professional_removed',
			target: { type: 'collaboration', id: collaborationId },
			details: { userId }
		});
		await logAccess(trx);
	});
}
