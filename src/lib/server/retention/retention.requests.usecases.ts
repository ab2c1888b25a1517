import { filterAccessible, requireAccess, requireAccessToChange } from '../access/access.ts';
import { systemActor, type Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createStaffRepository } from '../staff/staff.repository.ts';
import { repeatStaffChangeAfterRestore } from '../staff/staff.deletion.usecases.ts';
import { readErasuresToRepeat, removeErasuresToRepeat } from './erasures-to-repeat.ts';
import { createErasureRequestsRepository, type ErasureRequestRecord } from './retention.requests.repository.ts';
import type { ErasureRequestInput } from './retention.schemas.ts';
import { eraseCollaboration, eraseParticipant } from './retention.usecases.ts';

/**
 * Erasure on request (art. 17; docs/decisions/011-data-lifecycle.md): an admin asks, naming the
 * collaboration or participant by its reference and a reason code; a second admin or the holder
 * confirms, as the organisation chose (Instellingen); the confirmation erases with the same code
 * as retention.
 */

export async function requestErasure({
	ctx,
	actor,
	input
}: {
	ctx: AppContext;
	actor: Actor;
	input: ErasureRequestInput;
}): Promise<{ requestId: string }> {
	const admin = await requireAccess({ db: ctx.db, actor, permission: 'erasure.list' });
	const repo = createErasureRequestsRepository(ctx.db);
	const collaborationId = await repo.findCollaborationOf(admin.organisationId, input.targetType, input.reference);
	// Nothing (any more) by that reference in this organisation: erased already, or mistyped.
	if (!collaborationId) throw domainError('erasure.nothing_to_erase');
	const { logAccess } = await requireAccessToChange({ db: ctx.db, actor, permission: 'erasure.request', ids: [collaborationId] });
	const requestId = newId();
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await createErasureRequestsRepository(trx).insert({
				id: requestId,
				organisationId: admin.organisationId,
				targetType: input.targetType,
				targetId: input.reference,
				collaborationId,
				reason: input.reason,
				requestedBy: admin.userId,
				requestedAt: ctx.clock.now().toISOString()
			});
			await recordAudit(trx, ctx.clock, {
				actor,
				action: 'erasure.requested',
				target: { type: 'erasureRequest', id: requestId },
				details: { targetType: input.targetType, reason: input.reason }
			});
			await logAccess(trx);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw domainError('erasure.already_requested');
		throw error;
	}
	return { requestId };
}

/** Confirms a pending request and erases its target now. */
export async function confirmErasure({ ctx, actor, requestId }: { ctx: AppContext; actor: Actor; requestId: string }): Promise<void> {
	const { staff, logAccess } = await requireAccessToChange({ db: ctx.db, actor, permission: 'erasure.confirm', ids: [requestId] });
	const request = await createErasureRequestsRepository(ctx.db).find(staff.organisationId, requestId);
	if (!request || request.status !== 'pending') throw domainError('not_found');
	const base = { ctx, actor, organisationId: staff.organisationId, reason: 'request' as const, logAccess };
	// The erasure marks this request as done in its own transaction (pseudonymiseTraces); a request
	// whose target went meanwhile (retention) is closed the same way.
	const outcome =
		request.targetType === 'collaboration'
			? await eraseCollaboration({ ...base, collaborationId: request.targetId })
			: await eraseParticipant({ ...base, participantId: request.targetId });
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		action: 'erasure.confirmed',
		target: { type: 'erasureRequest', id: requestId },
		details: { outcome }
	});
}

/** Turns a pending request down: whoever could confirm it. */
export async function rejectErasure({ ctx, actor, requestId }: { ctx: AppContext; actor: Actor; requestId: string }): Promise<void> {
	const { staff, logAccess } = await requireAccessToChange({ db: ctx.db, actor, permission: 'erasure.confirm', ids: [requestId] });
	await ctx.db.transaction().execute(async (trx) => {
		const cancelled = await createErasureRequestsRepository(trx).decide(
			staff.organisationId,
			requestId,
			'cancelled',
			staff.userId,
			ctx.clock.now().toISOString()
		);
		if (!cancelled) throw domainError('not_found');
		await recordAudit(trx, ctx.clock, { actor, action: 'erasure.rejected', target: { type: 'erasureRequest', id: requestId } });
		await logAccess(trx);
	});
}

export interface ErasureOverview {
	confirmation: 'secondAdmin' | 'holder';
	/**
	 * A second admin must confirm, and the organisation has one active admin (or none): no request
	 * can be confirmed until a colleague is made admin or the setting names the holder.
	 */
	noSecondAdmin: boolean;
	requests: (ErasureRequestRecord & { canConfirm: boolean; requestedByMe: boolean })[];
}

/**
 * The requests the actor deals with: an admin sees the organisation's; a professional the
 * pending ones they may confirm as holder. References only, never a label or a name.
 */
export async function listErasureRequests({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<ErasureOverview> {
	const isAdmin = actor.type === 'staff' && actor.roles.includes('admin');
	const staff = await requireAccess({ db: ctx.db, actor, permission: isAdmin ? 'erasure.list' : 'erasure.review' });
	const repo = createErasureRequestsRepository(ctx.db);
	const confirmation = await repo.findConfirmation(staff.organisationId);
	const all = isAdmin
		? await repo.listForOrganisation(staff.organisationId)
		: confirmation === 'holder'
			? await repo.listPendingForHolder(staff.organisationId, staff.userId)
			: [];
	const pendingIds = all.filter((r) => r.status === 'pending').map((r) => r.id);
	// Whether the actor may confirm each: a check, not a change, so nothing is logged for it.
	const confirmable = await filterAccessible({ db: ctx.db, actor, permission: 'erasure.confirm', ids: pendingIds });
	// Only an admin is told (and only for an admin is the organisation's admins counted).
	const noSecondAdmin =
		isAdmin && confirmation === 'secondAdmin' && (await createStaffRepository(ctx.db).countActiveAdmins(staff.organisationId)) < 2;
	return {
		confirmation,
		noSecondAdmin,
		requests: all.map((r) => ({ ...r, canConfirm: confirmable.has(r.id), requestedByMe: r.requestedBy === staff.userId }))
	};
}

/**
 * At start, after a restore (decision 011): erases again, as the system, every erasure on request
 * the restore carried over from the database it replaced (`DATA_DIR/erasures-to-repeat.json`), and
 * keeps its tombstone in this database. Each erasure is its own transaction and erasing what is
 * gone changes nothing, so a start that crashes halfway does it all again at the next one: the file
 * goes only when every erasure is done. Logs counts only.
 */
export async function repeatErasuresAfterRestore({
	ctx
}: {
	ctx: AppContext;
}): Promise<{ erased: number; alreadyErased: number; staffApplied: number; staffUnchanged: number } | undefined> {
	const changes = readErasuresToRepeat(ctx.config.dataDir);
	if (!changes) return undefined;
	const tombstones = changes.erasures;
	const repo = createErasureRequestsRepository(ctx.db);
	let erased = 0;
	let alreadyErased = 0;
	for (const tombstone of tombstones) {
		const { organisationId, targetType, targetId } = tombstone;
		// An organisation the restored database does not know has nothing in it to erase.
		if (!(await repo.organisationExists(organisationId))) {
			alreadyErased += 1;
			continue;
		}
		// The time of the erasure itself, not of this start.
		await repo.recordTombstone(tombstone);
		const base = { ctx, actor: systemActor, organisationId, reason: 'request' as const };
		const outcome =
			targetType === 'collaboration'
				? await eraseCollaboration({ ...base, collaborationId: targetId })
				: await eraseParticipant({ ...base, participantId: targetId });
		if (outcome === 'erased') erased += 1;
		else alreadyErased += 1;
	}
	// Staff accounts deactivated or deleted in the replaced database are so again (decision 011).
	let staffApplied = 0;
	let staffUnchanged = 0;
	let heldOpenCollaborations = 0;
	for (const change of changes.staff) {
		const result = await repeatStaffChangeAfterRestore({ ctx, change });
		if (result.outcome === 'applied') staffApplied += 1;
		else staffUnchanged += 1;
		heldOpenCollaborations += result.heldOpenCollaborations;
	}
	const withoutAdmin: string[] = [];
	for (const organisationId of new Set(changes.staff.map((c) => c.organisationId)))
		if ((await repo.organisationExists(organisationId)) && (await createStaffRepository(ctx.db).countActiveAdmins(organisationId)) === 0)
			withoutAdmin.push(organisationId);
	if (withoutAdmin.length > 0)
		ctx.logger.warn(
			{ event: 'staff.restored_without_active_admin', organisations: withoutAdmin.length, organisationIds: withoutAdmin },
			'After the restore an organisation has no active admin left (its admins left after the backup was made): make an active staff member admin with node scripts/tweespraak.mjs make-admin --email ADDRESS, or, with nobody active left, invite a new admin with node scripts/tweespraak.mjs invite-admin --organisation ID --email ADDRESS'
		);
	removeErasuresToRepeat(ctx.config.dataDir);
	ctx.logger.info(
		{ event: 'erasure.repeated_after_restore', erased, alreadyErased, staffApplied, staffUnchanged },
		'Erasures on request and staff deactivations and deletions made after the restored backup were done again'
	);
	if (heldOpenCollaborations > 0)
		ctx.logger.warn(
			{ event: 'staff.restored_collaborations_without_active_holder', collaborations: heldOpenCollaborations },
			'Open collaborations in the restored backup are held by staff deactivated or deleted since: hand them over on /handovers'
		);
	return { erased, alreadyErased, staffApplied, staffUnchanged };
}
