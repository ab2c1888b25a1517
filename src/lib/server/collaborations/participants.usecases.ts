import { requireAccessToChange } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { recordAudit } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { requireOpen } from './collaborations.models.ts';
import { createCollaborationsRepository } from './collaborations.repository.ts';
import type { ParticipantInput } from './collaborations.schemas.ts';
import { createParticipantsRepository } from './participants.repository.ts';
import { createParticipationRepository } from '../participation/participation.repository.ts';
import { findClientLocales } from '../organisations/organisations.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';

/** A participant reads in a language their organisation offers (admin settings); another is refused, nothing saved. */
export async function requireOfferedLocales(
	db: Kysely<Database>,
	organisationId: string,
	participants: readonly Pick<ParticipantInput, 'locale'>[]
) {
	const offered = await findClientLocales(db, organisationId);
	if (participants.some((participant) => !offered.includes(participant.locale))) throw domainError('collaboration.locale_not_offered');
}

/**
 * The client side of a collaboration: mother, father, Sam (12). Audit details hold ids only,
 * never a name or an address.
 */

interface ParticipantChange {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}

export async function addParticipant({ ctx, actor, collaborationId, input }: ParticipantChange & { input: ParticipantInput }) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	const participantId = newId();
	await requireOfferedLocales(ctx.db, staff.organisationId, [input]);
	await ctx.db.transaction().execute(async (trx) => {
		requireOpen(await createCollaborationsRepository(trx).findCollaboration(staff.organisationId, collaborationId));
		await createParticipantsRepository(trx).insertParticipant({
			...input,
			id: participantId,
			organisationId: staff.organisationId,
			collaborationId,
			now: ctx.clock.now().toISOString()
		});
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.participant_added',
			target: { type: 'collaboration', id: collaborationId },
			details: { participantId, audience: input.audience }
		});
		await logAccess(trx);
	});
	return { participantId };
}

export async function updateParticipant({
	ctx,
	actor,
	collaborationId,
	participantId,
	input
}: ParticipantChange & { participantId: string; input: ParticipantInput }) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	await requireOfferedLocales(ctx.db, staff.organisationId, [input]);
	await ctx.db.transaction().execute(async (trx) => {
		requireOpen(await createCollaborationsRepository(trx).findCollaboration(staff.organisationId, collaborationId));
		// Scoped by collaboration: a participant id of another collaboration is simply not found.
		const changed = await createParticipantsRepository(trx).updateParticipant(staff.organisationId, collaborationId, participantId, input);
		if (!changed) throw domainError('not_found');
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.participant_updated',
			target: { type: 'collaboration', id: collaborationId },
			details: { participantId, audience: input.audience }
		});
		await logAccess(trx);
	});
}

/**
 * Soft removal: past conversations keep the participant, new ones leave them out. One always stays.
 * Their access ends with it: their own devices are signed out of every conversation (a running one
 * and the outcome of an ended one) and their personal links stop working (an outside review,
 * 2026-12-06: a removed parent's phone still read the outcome for seven days).
 */
export async function removeParticipant({ ctx, actor, collaborationId, participantId }: ParticipantChange & { participantId: string }) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	await ctx.db.transaction().execute(async (trx) => {
		const collaborations = createCollaborationsRepository(trx);
		const now = ctx.clock.now().toISOString();
		await collaborations.touch(staff.organisationId, collaborationId, now);
		requireOpen(await collaborations.findCollaboration(staff.organisationId, collaborationId));
		const repo = createParticipantsRepository(trx);
		const removed = await repo.markRemoved(staff.organisationId, collaborationId, participantId, now);
		if (!removed) throw domainError('not_found');
		if ((await repo.countActive(staff.organisationId, collaborationId)) === 0) throw domainError('collaboration.last_participant');
		const ended = await createParticipationRepository(trx).revokeAccessOfParticipant(staff.organisationId, participantId, now);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.participant_removed',
			target: { type: 'collaboration', id: collaborationId },
			details: { participantId, devicesSignedOut: ended.devices, linksEnded: ended.links }
		});
		await logAccess(trx);
	});
}
