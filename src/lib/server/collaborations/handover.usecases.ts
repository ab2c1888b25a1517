import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { requireAccess, requireAccessToChange } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { enqueueStaffMail } from '../reminders/reminders.usecases.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError, isDomainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { requireOpen } from './collaborations.models.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';
import type { handoverSchema } from './collaborations.schemas.ts';
import { insertHandover, listHandovers } from './handover.repository.ts';

/**
 * Handing a collaboration over (issue 13, part 4): the holder, a team lead of the holder or an
 * admin makes another active professional of the organisation its holder. The old holder leaves
 * the collaboration; its history stays. Both are told by mail, the client at the next conversation.
 */
export async function handOverCollaboration({
	ctx,
	actor,
	collaborationId,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	/** As the forms send it (handoverSchema); `fromUserId` may be left out by a test (see transferHolder). */
	input: Omit<v.InferOutput<typeof handoverSchema>, 'fromUserId'> & { fromUserId?: string | null };
}): Promise<void> {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.handover',
		ids: [collaborationId]
	});
	await ctx.db.transaction().execute(async (trx) => {
		await transferHolder(ctx, trx, actor, { organisationId: staff.organisationId, collaborationId, ...input });
		await logAccess(trx);
	});
}

/** Throws unless `userId` is an active professional of the organisation. */
export async function requireActiveProfessional(db: Kysely<Database>, organisationId: string, userId: string): Promise<void> {
	const colleague = await createStaffRepository(db).findStaffMember(organisationId, userId);
	if (!colleague || colleague.status !== 'active' || !colleague.roles.includes('professional')) {
		throw domainError('collaboration.not_a_professional');
	}
}

/**
 * Makes `toUserId` the holder of one open collaboration, inside the caller's transaction: checks,
 * the change, the handover row, the audit and both mails. Authorization is the caller's.
 * `fromUserId` is the holder the caller decided on (the page showed, the leaver's list held; null
 * when the page showed none): when someone else handed it over since, it is refused
 * (`collaboration.holder_changed`), not passed on from the new holder. Left out only by callers
 * that showed nobody a holder (tests); both forms always send it. The collaboration's row is
 * locked for update first (lockCollaboration), so on PostgreSQL a close or another handover in
 * flight is waited for and then refuses this one, and a start waits for the handover (and then
 * finds its former holder gone).
 */
export async function transferHolder(
	ctx: AppContext,
	trx: Kysely<Database>,
	actor: Actor,
	input: { organisationId: string; collaborationId: string; toUserId: string; note: string; fromUserId?: string | null | undefined }
): Promise<void> {
	const { organisationId, collaborationId, toUserId } = input;
	const repo = createCollaborationsRepository(trx);
	requireOpen(await repo.lockCollaboration(organisationId, collaborationId, ctx.database.dialect, 'update'));
	const links = await repo.listProfessionals(organisationId, collaborationId);
	const holder = links.find((link) => link.role === 'holder');
	if (input.fromUserId !== undefined && (holder?.userId ?? null) !== input.fromUserId) throw domainError('collaboration.holder_changed');
	await requireActiveProfessional(trx, organisationId, toUserId);
	if (holder?.userId === toUserId) throw domainError('collaboration.already_holder');
	const now = ctx.clock.now().toISOString();
	// One holder per collaboration (a unique index): the old holder leaves before the new one holds.
	await repo.removeProfessionals(organisationId, collaborationId, holder ? [holder.userId, toUserId] : [toUserId]);
	await repo.addProfessional({ organisationId, collaborationId, userId: toUserId, role: 'holder', now });
	const handoverId = newId();
	await insertHandover(trx, {
		id: handoverId,
		organisationId,
		collaborationId,
		fromUserId: holder?.userId ?? null,
		toUserId,
		byUserId: actor.type === 'staff' ? actor.userId : null,
		note: input.note === '' ? null : input.note,
		now
	});
	await recordAudit(trx, ctx.clock, {
		actor,
		action: 'collaboration.handed_over',
		target: { type: 'collaboration', id: collaborationId },
		details: { fromUserId: holder?.userId ?? null, toUserId }
	});
	const mail = { ctx, db: trx, organisationId, params: { collaborationId, handoverId }, dedupeKey: handoverId };
	await enqueueStaffMail({ ...mail, template: 'collaboration.received', userId: toUserId });
	if (holder) await enqueueStaffMail({ ...mail, template: 'collaboration.handed_over', userId: holder.userId });
}

/** Who may take the collaboration over: every other active professional of the organisation. Empty when the actor may not hand it over. */
export async function listHandoverCandidates({ ctx, actor, collaborationId }: { ctx: AppContext; actor: Actor; collaborationId: string }) {
	let staff;
	try {
		// Only who may hand it over sees whom to: checked, and logged as a view.
		staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.handover', ids: [collaborationId], purpose: 'view' });
	} catch (caught) {
		if (isDomainError(caught, 'not_found')) return [];
		throw caught;
	}
	const [members, links] = await Promise.all([
		createStaffRepository(ctx.db).listStaff(staff.organisationId),
		createCollaborationsRepository(ctx.db).listProfessionals(staff.organisationId, collaborationId)
	]);
	const holderId = links.find((link) => link.role === 'holder')?.userId;
	return members
		.filter((member) => member.status === 'active' && member.roles.includes('professional') && member.userId !== holderId)
		.map(({ userId, name, email }) => ({ userId, name, email }));
}

/**
 * The collaboration's handovers for its professionals, newest first (who held it, who took it,
 * who did it, when), and the note of the newest one when it was written for the actor.
 */
export async function getHandovers({ ctx, actor, collaborationId }: { ctx: AppContext; actor: Actor; collaborationId: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const handovers = await listHandovers(ctx.db, { organisationId: staff.organisationId, collaborationId });
	const newest = handovers[0];
	const note =
		newest?.note && newest.toUserId === staff.userId
			? { note: newest.note, createdAt: newest.createdAt, fromName: newest.fromName, byName: newest.byName }
			: null;
	return { note, history: handovers.map(({ id, createdAt, fromName, toName, byName }) => ({ id, createdAt, fromName, toName, byName })) };
}
