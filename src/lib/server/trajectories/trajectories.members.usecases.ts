import { requireAccessToWrite } from '../access/access.ts';
import type { Actor } from '../access/actor.ts';
import type { AppContext } from '../context.ts';
import { isUniqueViolation } from '../db/errors.ts';
import {
	findOpenInvitation,
	insertTrajectoryInvitation,
	reissueInvitation,
	revokeTrajectoryInvitation
} from '../invitations/invitations.usecases.ts';
import { recordAudit, type AuditTarget } from '../shared/audit.ts';
import { domainError } from '../shared/errors.ts';
import { newId } from '../shared/tokens.ts';
import { createTrajectoryAnswersRepository } from './trajectories.answers.repository.ts';
import { requireFunctionOf } from './trajectories.functions.usecases.ts';
import { sendTrajectoryInvitationMail } from './trajectories.mails.ts';
import { findClientLocales } from '../organisations/organisations.repository.ts';
import { createTrajectoriesRepository } from './trajectories.repository.ts';
import type { InviteParticipantInput } from './trajectories.schemas.ts';

/**
 * The coordinator's work with participants: inviting professionals (from any organisation),
 * marking someone as stopped, and pairing buddies.
 */

type Input<T = object> = { ctx: AppContext; actor: Actor; trajectoryId: string } & T;

const target = (trajectoryId: string): AuditTarget => ({ type: 'trajectory', id: trajectoryId });

export type InviteOutcome = 'added' | 'invited' | 'pendingInvitation';

/**
 * Someone with an account (in any organisation) is added at once and told by mail. Someone
 * without one gets a trajectory invitation: the account it creates reaches only trajectories.
 * When the address already has an open invitation of this organisation, the participation
 * waits for that one to be accepted.
 */
export async function inviteParticipant({
	ctx,
	actor,
	trajectoryId,
	input
}: Input<{ input: Omit<InviteParticipantInput, 'functionId'> & { functionId?: string } }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const { organisationId } = staff;
	const now = ctx.clock.now().toISOString();
	const participantId = newId();
	let outcome = 'added' as InviteOutcome;
	let link: string | null = null;
	const trajectory = await createTrajectoriesRepository(ctx.db).findTrajectory(organisationId, trajectoryId);
	if (!trajectory) throw domainError('not_found');
	if (!(await findClientLocales(ctx.db, organisationId)).includes(input.locale)) throw domainError('collaboration.locale_not_offered');
	const user = await createTrajectoriesRepository(ctx.db).findUserByEmail(input.email);
	try {
		await write(async (trx) => {
			const repo = createTrajectoriesRepository(trx);
			const functionId = await requireFunctionOf(repo, organisationId, trajectoryId, input.functionId ?? '');
			let invitationId: string | null = null;
			if (!user) {
				const open = await findOpenInvitation(trx, ctx, organisationId, input.email);
				if (open) {
					invitationId = open.id;
					outcome = 'pendingInvitation';
				} else {
					const created = await insertTrajectoryInvitation(trx, ctx, actor, {
						organisationId,
						email: input.email,
						locale: input.locale,
						invitedBy: staff.userId
					});
					({ invitationId, link } = created);
					outcome = 'invited';
				}
			}
			await repo.insertParticipant({
				id: participantId,
				organisationId,
				trajectoryId,
				number: await repo.nextParticipantNumber(organisationId, trajectoryId),
				userId: user?.id ?? null,
				email: input.email,
				invitationId,
				organisationName: input.organisationName,
				functionId,
				now
			});
			await recordAudit(trx, ctx.clock, {
				actor,
				action: 'trajectory.participant_added',
				target: target(trajectoryId),
				details: { participantId, outcome }
			});
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw domainError('trajectory.already_participant');
		throw error;
	}
	if (outcome !== 'pendingInvitation') {
		await sendTrajectoryInvitationMail(ctx, {
			organisationId,
			to: input.email,
			locale: user?.locale ?? input.locale,
			trajectoryName: trajectory.name,
			trajectoryId,
			accountLink: link
		});
	}
	return { participantId, outcome };
}

/**
 * "Stuur de uitnodiging opnieuw": a fresh link by mail, also while the first one is still open —
 * then that one stops working (it may have been lost, or sent to the wrong inbox). Without an
 * open invitation (expired, revoked) a new trajectory invitation is made.
 */
export async function resendParticipantInvitation({ ctx, actor, trajectoryId, participantId }: Input<{ participantId: string }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	const repo = createTrajectoriesRepository(ctx.db);
	const [trajectory, participant] = await Promise.all([
		repo.findTrajectory(staff.organisationId, trajectoryId),
		repo.findParticipant(staff.organisationId, trajectoryId, participantId)
	]);
	if (!trajectory || !participant) throw domainError('not_found');
	if (participant.userId !== null) throw domainError('trajectory.not_pending');
	const user = await repo.findUserByEmail(participant.email);
	if (user) throw domainError('invitation.account_exists');
	const { link, locale } = await write(async (trx) => {
		const open = await findOpenInvitation(trx, ctx, staff.organisationId, participant.email);
		if (open) {
			const reissued = await reissueInvitation(trx, ctx, staff, open);
			// The participation may have waited on another (since ended) invitation of the same address.
			await createTrajectoriesRepository(trx).setInvitation(staff.organisationId, participantId, reissued.invitation.id);
			return { link: reissued.link, locale: open.locale };
		}
		const created = await insertTrajectoryInvitation(trx, ctx, actor, {
			organisationId: staff.organisationId,
			email: participant.email,
			locale: staff.locale,
			invitedBy: staff.userId
		});
		await createTrajectoriesRepository(trx).setInvitation(staff.organisationId, participantId, created.invitationId);
		return { link: created.link, locale: staff.locale };
	});
	await sendTrajectoryInvitationMail(ctx, {
		organisationId: staff.organisationId,
		to: participant.email,
		locale,
		trajectoryName: trajectory.name,
		trajectoryId,
		accountLink: link
	});
}

/** The coordinator takes back the open trajectory invitation of a participant who has no account yet. */
export async function revokeParticipantInvitation({ ctx, actor, trajectoryId, participantId }: Input<{ participantId: string }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const participant = await createTrajectoriesRepository(trx).findParticipant(staff.organisationId, trajectoryId, participantId);
		if (!participant?.invitationId || participant.userId !== null) throw domainError('not_found');
		await revokeTrajectoryInvitation(trx, ctx, actor, { organisationId: staff.organisationId, invitationId: participant.invitationId });
	});
}

/** "Gestopt": the participant left on this day. Undo with stoppedOn null. */
export async function setParticipantStopped({
	ctx,
	actor,
	trajectoryId,
	participantId,
	stoppedOn
}: Input<{ participantId: string; stoppedOn: string | null }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const repo = createTrajectoriesRepository(trx);
		if (!(await repo.findParticipant(staff.organisationId, trajectoryId, participantId))) throw domainError('not_found');
		await repo.setStopped(staff.organisationId, participantId, stoppedOn);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: stoppedOn ? 'trajectory.participant_stopped' : 'trajectory.participant_resumed',
			target: target(trajectoryId),
			details: { participantId }
		});
	});
}

/** Two participants of this trajectory who are in no pair yet. */
export async function pairBuddies({ ctx, actor, trajectoryId, participantIds }: Input<{ participantIds: [string, string] }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	if (participantIds[0] === participantIds[1]) throw domainError('trajectory.pair_needs_two');
	const pairId = newId();
	try {
		await write(async (trx) => {
			const participants = await createTrajectoriesRepository(trx).listParticipants(staff.organisationId, trajectoryId);
			if (!participantIds.every((id) => participants.some((p) => p.id === id))) throw domainError('not_found');
			const answers = createTrajectoryAnswersRepository(trx);
			const pairs = await answers.listPairs(staff.organisationId, trajectoryId);
			if (pairs.some((pair) => pair.participantIds.some((id) => participantIds.includes(id))))
				throw domainError('trajectory.already_paired');
			await answers.insertPair({
				id: pairId,
				organisationId: staff.organisationId,
				trajectoryId,
				participantIds,
				now: ctx.clock.now().toISOString()
			});
			await recordAudit(trx, ctx.clock, { actor, action: 'trajectory.buddies_paired', target: target(trajectoryId), details: { pairId } });
		});
	} catch (error) {
		// Another coordinator paired one of them a moment ago.
		if (isUniqueViolation(error)) throw domainError('trajectory.already_paired');
		throw error;
	}
	return { pairId };
}

/** A pair whose buddies already logged exchanges stays, so their log is kept. */
export async function unpairBuddies({ ctx, actor, trajectoryId, pairId }: Input<{ pairId: string }>) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'trajectory.manage', ids: [trajectoryId] });
	await write(async (trx) => {
		const answers = createTrajectoryAnswersRepository(trx);
		// Locked before counting: an entry being written into the pair is waited for and counted, not removed with it.
		if (!(await answers.lockPair(staff.organisationId, pairId, ctx.database.dialect, 'update'))) throw domainError('not_found');
		if ((await answers.countEntriesOfPair(staff.organisationId, pairId)) > 0) throw domainError('trajectory.pair_has_entries');
		if (!(await answers.deletePair(staff.organisationId, trajectoryId, pairId))) throw domainError('not_found');
		await recordAudit(trx, ctx.clock, { actor, action: 'trajectory.buddies_unpaired', target: target(trajectoryId), details: { pairId } });
	});
}
