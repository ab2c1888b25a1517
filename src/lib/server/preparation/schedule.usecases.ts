import { requireAccess, requireLeadToChange } from '#lib/server/access/access.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import { addDaysToDate, isCalendarDate, todayInAmsterdam } from '#lib/server/collaborations/collaborations.models.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import { lockStartableCollaboration, requireStartableCollaboration } from '#lib/server/collaborations/collaborations.usecases.ts';
import { createParticipantsRepository, type Participant } from '#lib/server/collaborations/participants.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import { isUniqueViolation } from '#lib/server/db/errors.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { fixConversationDecks } from '#lib/server/decks/decks.usecases.ts';
import { preparationLinkEnd } from '#lib/server/participation/links.models.ts';
import { createLinksRepository } from '#lib/server/participation/links.repository.ts';
import {
	issueLink,
	issueLinkUnlessOpened,
	linkQrDataUrl,
	mailIssuedLink,
	type IssuedLink
} from '#lib/server/participation/links.usecases.ts';
import { announce } from '#lib/server/participation/participation.usecases.ts';
import { participantRecipientSkipReason, type SkipReason } from '#lib/server/reminders/reminders.policy.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, isDomainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { SCHEDULE_MAX_DAYS_AHEAD } from './preparation.models.ts';
import { createPreparationRepository } from './preparation.repository.ts';

/** How a participant gets their preparation link: by e-mail, on paper or screen (QR), or not at all. */
export type LinkDelivery = 'email' | 'print' | 'none';
export const LINK_DELIVERIES: readonly LinkDelivery[] = ['email', 'print', 'none'];

export interface PrintableLink {
	partyId: string;
	displayName: string;
	locale: ClientLocale;
	url: string;
	qrDataUrl: string;
	expiresAt: string;
}

/** What the planning form needs: the participants, whether they have an e-mail address, and the earliest date. */
export async function getSchedulingForm({ ctx, actor, collaborationId }: { ctx: AppContext; actor: Actor; collaborationId: string }) {
	// The form to plan one: checked with the permission to start, logged as a view.
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'conversation.start', ids: [collaborationId], purpose: 'view' });
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(staff.organisationId, collaborationId);
	if (!collaboration) throw domainError('not_found');
	const participants = await createParticipantsRepository(ctx.db).listParticipants(staff.organisationId, collaborationId);
	return {
		collaborationId,
		label: collaboration.label,
		open: collaboration.status === 'open',
		today: todayInAmsterdam(ctx.clock.now()),
		participants: participants.map((p) => ({ id: p.id, displayName: p.displayName, locale: p.locale, hasEmail: !!p.email }))
	};
}

/** The collaboration's planned or running learning conversation, for its page: where it stands and when. */
export async function findPlannedLearningConversation({
	ctx,
	actor,
	collaborationId
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const found = await createPreparationRepository(ctx.db).findUnfinishedLearning(staff.organisationId, collaborationId);
	return found ? { conversationId: found.id, phase: found.phase, scheduledOn: found.scheduledOn } : null;
}

/**
 * Plans a learning conversation: phase 'preparation' on `scheduledOn`, a party per active
 * participant and one for the professional, the current enabled deck versions fixed for it, and
 * a preparation link for each participant the professional chose — mailed in the participant's
 * language, or returned (once: only hashes are stored) to print or show as a QR code. No join
 * code yet: nobody can guess their way into a preparation. At most one unfinished learning
 * conversation per collaboration.
 */
export async function scheduleLearningConversation(input: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	scheduledOn: string;
	/** Per participant id; a participant not named gets no link. */
	deliveries: Readonly<Record<string, LinkDelivery>>;
}): Promise<{ conversationId: string; printLinks: PrintableLink[]; mailed: string[]; mailFailed: string[] }> {
	const { ctx, collaborationId, scheduledOn } = input;
	const { staff, organisationId, logAccess } = await requireStartableCollaboration(ctx, input.actor, collaborationId);
	const today = todayInAmsterdam(ctx.clock.now());
	if (!isCalendarDate(scheduledOn) || scheduledOn > addDaysToDate(today, SCHEDULE_MAX_DAYS_AHEAD)) throw domainError('validation');
	if (scheduledOn < today) throw domainError('conversation.date_in_past');

	const conversationId = newId();
	const expiresAt = preparationLinkEnd(scheduledOn);
	let issued: (IssuedLink & { participantId: string })[];
	let participants: Participant[] = [];
	try {
		issued = await ctx.db.transaction().execute(async (trx) => {
			// Open, still theirs, and its participants as they are now: a close, a handover, an erasure
			// or a participant's removal saved after the door is seen (removing one locks the collaboration too).
			participants = await lockStartableCollaboration(trx, ctx, staff, collaborationId);
			if (participants.length === 0) throw domainError('conversation.no_participants');
			if (Object.keys(input.deliveries).some((id) => !participants.some((p) => p.id === id))) throw domainError('not_found');
			if (participants.some((p) => input.deliveries[p.id] === 'email' && !p.email)) throw domainError('link.no_email');
			const repo = createConversationsRepository(trx);
			const now = ctx.clock.now().toISOString();
			await repo.insertConversation({
				id: conversationId,
				organisationId,
				collaborationId,
				method: 'learningConversation',
				instrumentId: null,
				phase: 'preparation',
				startedBy: staff.userId,
				startedAt: now,
				joinCode: null,
				scheduledOn
			});
			const parties = participants.map((p) => ({ partyId: newId(), participantId: p.id }));
			for (const { partyId, participantId } of parties) {
				await repo.insertParty({
					id: partyId,
					organisationId,
					conversationId,
					kind: 'participant',
					participantId,
					userId: null,
					present: true
				});
			}
			const professional = { organisationId, conversationId, participantId: null, userId: staff.userId, present: true };
			await repo.insertParty({ ...professional, id: newId(), kind: 'professional' });
			const decks = await fixConversationDecks(trx, { organisationId, conversationId });
			const links: (IssuedLink & { participantId: string })[] = [];
			for (const { partyId, participantId } of parties) {
				const delivery = input.deliveries[participantId] ?? 'none';
				if (delivery === 'none') continue;
				const link = await issueLink(trx, ctx, {
					actor: staff,
					organisationId,
					conversationId,
					partyId,
					purpose: 'preparation',
					expiresAt
				});
				links.push({ ...link, participantId });
			}
			await recordAudit(trx, ctx.clock, {
				actor: staff,
				action: 'conversation.scheduled',
				target: { type: 'conversation', id: conversationId },
				details: {
					collaborationId,
					method: 'learningConversation',
					scheduledOn,
					parties: parties.length + 1,
					decks: decks.length,
					links: links.length
				}
			});
			await logAccess(trx);
			return links;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw domainError('preparation.already_planned');
		throw error;
	}
	await announce(
		ctx,
		{ id: conversationId, organisationId, collaborationId, phase: 'preparation', joinCode: null, version: 0 },
		'conversation.scheduled'
	);
	return deliverLinks(ctx, staff, { organisationId, conversationId, scheduledOn, participants, deliveries: input.deliveries, issued });
}

/** After the commit: mails go out (a failed mail leaves the link unsent, to send again); print links get a QR code. */
async function deliverLinks(
	ctx: AppContext,
	staff: StaffActor,
	input: {
		organisationId: string;
		conversationId: string;
		scheduledOn: string;
		participants: { id: string; displayName: string; locale: ClientLocale; email: string | null }[];
		deliveries: Readonly<Record<string, LinkDelivery>>;
		issued: (IssuedLink & { participantId: string })[];
	}
) {
	const printLinks: PrintableLink[] = [];
	const mailed: string[] = [];
	const mailFailed: string[] = [];
	for (const link of input.issued) {
		const participant = input.participants.find((p) => p.id === link.participantId)!;
		if (input.deliveries[participant.id] === 'print') {
			const { displayName, locale } = participant;
			printLinks.push({
				partyId: link.partyId,
				displayName,
				locale,
				url: link.url,
				qrDataUrl: await linkQrDataUrl(link.url),
				expiresAt: link.expiresAt
			});
			continue;
		}
		const party = {
			partyId: link.partyId,
			participantId: participant.id,
			displayName: participant.displayName,
			locale: participant.locale,
			email: participant.email
		};
		try {
			await mailIssuedLink(ctx, {
				actor: staff,
				organisationId: input.organisationId,
				conversationId: input.conversationId,
				party,
				scheduledOn: input.scheduledOn,
				issued: link,
				senderUserId: staff.userId
			});
			mailed.push(link.partyId);
		} catch (error) {
			ctx.logger.warn({ event: 'link.mail_failed', err: { message: String(error) } }, 'preparation link not mailed');
			mailFailed.push(link.partyId);
		}
	}
	return { conversationId: input.conversationId, printLinks, mailed, mailFailed };
}

/**
 * For the job runner (reminders before the planned day): mails the participant a fresh
 * preparation link, unless they already opened one, the professional took theirs back, or they
 * have no e-mail address. System actor only;
 * the job names the conversation and party it was scheduled for. Returns what happened.
 */
export async function sendPreparationReminder(input: {
	ctx: AppContext;
	actor: Actor;
	organisationId: string;
	conversationId: string;
	partyId: string;
}): Promise<'sent' | 'alreadyOpened' | 'revoked' | 'noEmail' | 'notPreparing' | SkipReason> {
	const { ctx, organisationId, conversationId, partyId } = input;
	if (input.actor.type !== 'system') throw domainError('not_found');
	const conversation = await createPreparationRepository(ctx.db).findConversation(organisationId, conversationId);
	if (!conversation || conversation.method !== 'learningConversation') throw domainError('not_found');
	if (conversation.phase !== 'preparation' || !conversation.scheduledOn) return 'notPreparing';
	// Checked when the job runs, as every participant mail (decision 005): the participant may have
	// been taken off, or the collaboration closed, since the reminder was queued.
	const collaboration = await createCollaborationsRepository(ctx.db).findCollaboration(organisationId, conversation.collaborationId);
	const links = createLinksRepository(ctx.db);
	// Not found once the participant was taken off the collaboration (findParty).
	const party = await links.findParty(organisationId, conversationId, partyId);
	const skip = participantRecipientSkipReason(party && { removedAt: null, email: party.email }, collaboration);
	if (skip === 'no_email') return 'noEmail';
	if (skip || !party?.email) return skip ?? 'noEmail';
	const scheduledOn = conversation.scheduledOn;
	let issued: IssuedLink;
	try {
		// Decided inside the transaction: a link opened a moment ago is never replaced by a reminder.
		issued = await ctx.db.transaction().execute((trx) =>
			issueLinkUnlessOpened(trx, ctx, {
				actor: input.actor,
				organisationId,
				conversationId,
				partyId,
				purpose: 'preparation',
				expiresAt: preparationLinkEnd(scheduledOn)
			})
		);
	} catch (caught) {
		if (isDomainError(caught, 'link.claimed')) return 'alreadyOpened';
		if (isDomainError(caught, 'link.revoked')) return 'revoked';
		throw caught;
	}
	await mailIssuedLink(ctx, {
		actor: input.actor,
		organisationId,
		conversationId,
		party,
		scheduledOn,
		issued,
		senderUserId: conversation.startedBy
	});
	return 'sent';
}

/**
 * Calls off a planned learning conversation before it starts: it ends as abandoned, and links
 * nobody opened stop working (a conversation that ended refuses its links anyway).
 */
export async function cancelLearningConversation({
	ctx,
	actor,
	conversationId
}: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
}) {
	const { staff, logAccess } = await requireLeadToChange(ctx.db, actor, conversationId);
	const locked = await ctx.db.transaction().execute(async (trx) => {
		const repo = createConversationsRepository(trx);
		const conversation = await repo.lockForChange(staff.organisationId, conversationId);
		if (!conversation || conversation.method !== 'learningConversation') throw domainError('not_found');
		if (conversation.phase !== 'preparation') throw domainError('conversation.wrong_phase');
		const now = ctx.clock.now().toISOString();
		await repo.updateConversation(staff.organisationId, conversationId, { phase: 'abandoned', endedAt: now, joinCode: null });
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action: 'conversation.abandoned',
			target: { type: 'conversation', id: conversationId },
			details: { from: 'preparation', to: 'abandoned' }
		});
		await logAccess(trx);
		return conversation;
	});
	await announce(ctx, { ...locked, phase: 'abandoned' }, 'phase.changed');
}
