import type { Kysely } from 'kysely';
import { findHandoverNotice } from '#lib/server/collaborations/handover.repository.ts';
import { logParticipantAccess, type AccessAction } from '#lib/server/access/access-log.ts';
import { filterAccessible, requireLead } from '#lib/server/access/access.ts';
import type { Actor, OutcomeReaderActor, ParticipantActor } from '#lib/server/access/actor.ts';
import { requireOwnOutcome } from '#lib/server/access/party-doors.ts';
import { authenticate } from '#lib/server/auth/authenticate.ts';
import type { AppContext } from '#lib/server/context.ts';
import { createConversationsRepository } from '#lib/server/conversations/conversations.repository.ts';
import type { ClientLocale, ConversationPhase, Database, Method } from '#lib/server/db/schema.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { sortByName } from '#lib/server/shared/collation.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { addressBucketKey, beginAttempt, type RateLimitRule } from '#lib/server/shared/rate-limit.ts';
import { hashToken, newId, newSecretToken } from '#lib/server/shared/tokens.ts';
import {
	deviceSessionExpiresAt,
	canReadOutcome,
	outcomeReadableUntil,
	isConversationRunning,
	isWellFormedJoinCode,
	normaliseJoinCode,
	type DeviceMode,
	type ParticipantHome
} from './participation.models.ts';
import { isJoinKeyFor } from './join-key.ts';
import { createLinksRepository } from './links.repository.ts';
import { createParticipationRepository, type JoinableConversation, type ParticipantParty } from './participation.repository.ts';
import { announce, raiseVersion } from '#lib/server/shared/live.ts';

/**
 * Guessing codes is throttled per address, on failures only: a room of people behind one
 * address all joining with the right code costs nothing. There is no overall limit, which would
 * let one guesser shut everyone out; codes are long enough without it (docs/decisions/012-throttling.md).
 */
export const JOIN_PER_ADDRESS: RateLimitRule = { limit: 20, windowMs: 10 * 60_000 };

/**
 * A professional who may lead this conversation (one of its collaboration's professionals), and the
 * conversation. A view is logged here; for a change the change writes the entry (`logAccess`).
 * Every caller says which it is.
 */
export async function requireConversationLead(ctx: AppContext, actor: Actor, conversationId: string, purpose: AccessAction) {
	const { staff, logAccess } = await requireLead(ctx.db, actor, conversationId, purpose);
	const conversation = await createParticipationRepository(ctx.db).findConversation(staff.organisationId, conversationId);
	if (!conversation) throw domainError('not_found');
	return { staff, conversation, logAccess };
}

/**
 * Unknown, malformed, expired and closed codes all give the same answer, after the same counting.
 * A code with the QR code's key (join-key.ts) is not counted: the key cannot be guessed, so a
 * stranger who filled this address's bucket does not keep out the phones that scanned the code.
 */
async function findConversationByCode(
	ctx: AppContext,
	rawCode: string,
	clientAddress: string,
	key?: string
): Promise<JoinableConversation> {
	const code = normaliseJoinCode(rawCode);
	const conversation = isWellFormedJoinCode(code)
		? await createParticipationRepository(ctx.db).findRunningConversationByCode(code)
		: undefined;
	if (conversation && (await isJoinKeyFor(ctx.db, code, key))) return conversation;
	const attempt = await beginAttempt(ctx, [
		{ key: addressBucketKey('join-ip', clientAddress), rule: JOIN_PER_ADDRESS, onSuccess: 'refund' }
	]);
	if (!conversation) throw domainError('participation.invalid_code');
	await attempt.succeeded();
	return conversation;
}

/**
 * Step 1 on a participant's own phone: the code leads to the names nobody has taken yet. `key`:
 * the QR code's key, when the code came from it; handed on to step 2.
 */
export async function joinWithCode({
	ctx,
	code,
	key,
	clientAddress
}: {
	ctx: AppContext;
	code: string;
	key?: string;
	clientAddress: string;
}) {
	const conversation = await findConversationByCode(ctx, code, clientAddress, key);
	const parties = await createParticipationRepository(ctx.db).listParticipantParties(conversation.organisationId, conversation.id);
	const open = parties.filter((party) => !party.claimed);
	return { code: normaliseJoinCode(code), participants: sortParties(open).map(({ partyId, displayName }) => ({ partyId, displayName })) };
}

export function sortParties(parties: readonly ParticipantParty[]): ParticipantParty[] {
	return sortByName(
		parties.map((party) => ({ ...party, name: party.displayName })),
		(party) => party.partyId
	).map(({ name: _name, ...party }) => party);
}

export interface DeviceSessionGrant {
	/** Goes into the device cookie; only its hash is stored. */
	token: string;
	locale: ClientLocale;
	actor: ParticipantActor;
	/** When the device session ends (ISO); the device cookie lives as long. */
	expiresAt: string;
}

/** Step 2: "I am …". One device per participant; the second one to claim is told so and changes nothing. */
export async function claimParticipant(input: {
	ctx: AppContext;
	code: string;
	/** The QR code's key, when the code came from it. */
	key?: string;
	partyId: string;
	clientAddress: string;
	requestId?: string;
}): Promise<DeviceSessionGrant> {
	const { ctx } = input;
	const conversation = await findConversationByCode(ctx, input.code, input.clientAddress, input.key);
	const { grant, version } = await ctx.db.transaction().execute(async (trx) => {
		const version = await raiseVersion(trx, conversation);
		const repo = createParticipationRepository(trx);
		// Read again under that lock: a conversation that ended since its code was read (its code gone) takes no new
		// device, which would otherwise read the ended conversation's outcome as the name it just took (canReadOutcome).
		const current = await repo.findConversation(conversation.organisationId, conversation.id);
		if (!current || !isConversationRunning(current.phase) || current.joinCode !== conversation.joinCode) {
			throw domainError('participation.invalid_code');
		}
		const party = (await repo.listParticipantParties(conversation.organisationId, conversation.id)).find(
			(p) => p.partyId === input.partyId
		);
		if (!party) throw domainError('not_found');
		const now = ctx.clock.now();
		if ((await repo.claimParty(conversation.organisationId, conversation.id, party.partyId, now.toISOString())) === 0) {
			throw domainError('participation.already_claimed');
		}
		const created = await createDeviceSession(trx, { conversation, party, mode: 'ownDevice', now, requestId: input.requestId });
		await recordAudit(trx, ctx.clock, {
			actor: created.actor,
			action: 'participation.claimed',
			target: { type: 'conversationParty', id: party.partyId },
			details: { deviceSessionId: created.actor.deviceSessionId }
		});
		return { grant: created, version };
	});
	await announce(ctx, { ...conversation, version }, 'party.claimed');
	return grant;
}

/** Inside the caller's transaction: a new device session for one participant's party. */
export async function createDeviceSession(
	db: Kysely<Database>,
	input: {
		conversation: JoinableConversation;
		party: ParticipantParty;
		mode: DeviceMode;
		now: Date;
		requestId?: string;
		lockedStaffSessionId?: string;
		/** A personal link's session lasts as long as the link (days); a code's session, DEVICE_SESSION_HOURS. */
		expiresAt?: string;
		/** The personal link this device opened: ending the link ends this session. */
		linkId?: string;
	}
): Promise<DeviceSessionGrant> {
	const { conversation, party, mode, now } = input;
	const token = newSecretToken();
	const id = newId();
	const expiresAt = input.expiresAt ?? deviceSessionExpiresAt(now);
	await createParticipationRepository(db).insertDeviceSession({
		id,
		tokenHash: hashToken(token),
		organisationId: conversation.organisationId,
		conversationId: conversation.id,
		partyId: party.partyId,
		mode,
		now: now.toISOString(),
		expiresAt,
		lockedStaffSessionId: input.lockedStaffSessionId ?? null,
		linkId: input.linkId ?? null
	});
	const actor: ParticipantActor = {
		type: 'participant',
		organisationId: conversation.organisationId,
		collaborationId: conversation.collaborationId,
		conversationId: conversation.id,
		partyId: party.partyId,
		participantId: party.participantId,
		deviceSessionId: id,
		mode,
		locale: party.locale,
		sessionId: id,
		requestId: input.requestId,
		byLink: input.linkId !== undefined
	};
	return { token, locale: party.locale, actor, expiresAt };
}

/**
 * Who this device is: the participant of a valid, unrevoked, unexpired session whose conversation
 * still runs — a closed or abandoned conversation ends every device session at once. The one
 * exception: an own phone of a closed conversation reads its own outcome for a while
 * (canReadOutcome), as an outcome reader that reaches nothing else.
 */
export async function authenticateDevice(ctx: AppContext, token: string): Promise<ParticipantActor | OutcomeReaderActor | null> {
	if (!token || token.length > 100) return null;
	const session = await createParticipationRepository(ctx.db).findDeviceSession(hashToken(token));
	if (!session || session.revokedAt !== null || session.participantId === null) return null;
	const now = ctx.clock.now().toISOString();
	if (session.endedAt !== null && canReadOutcome({ ...session, now })) {
		return {
			type: 'outcomeReader',
			organisationId: session.organisationId,
			collaborationId: session.collaborationId,
			conversationId: session.conversationId,
			partyId: session.partyId,
			participantId: session.participantId,
			deviceSessionId: session.id,
			locale: session.locale,
			sessionId: session.id,
			readableUntil: outcomeReadableUntil(session.endedAt)
		};
	}
	if (session.expiresAt <= now || !isConversationRunning(session.phase)) return null;
	return {
		type: 'participant',
		organisationId: session.organisationId,
		collaborationId: session.collaborationId,
		conversationId: session.conversationId,
		partyId: session.partyId,
		participantId: session.participantId,
		deviceSessionId: session.id,
		mode: session.mode,
		locale: session.locale,
		sessionId: session.id,
		byLink: session.linkId !== null
	};
}

/**
 * The participant's home (who they are and where the conversation stands) from a conversation and
 * the participant's name that a page's usecase has read already, behind the participant's door
 * (getParticipantConversation on /c, and the feedback and preparation pages): no second read of either.
 */
export async function participantHomeFrom(
	ctx: AppContext,
	participant: ParticipantActor,
	conversation: { id: string; organisationId: string; method: Method; phase: ConversationPhase },
	displayName: string
): Promise<ParticipantHome> {
	return {
		conversationId: conversation.id,
		method: conversation.method,
		phase: conversation.phase,
		displayName,
		mode: participant.mode,
		byLink: participant.byLink === true,
		// After a handover, the first conversation names the new professional ("Je nieuwe begeleider is …").
		newProfessional: await findHandoverNotice(ctx.db, { organisationId: conversation.organisationId, conversationId: conversation.id })
	};
}

/**
 * Stops taking part on this phone; the name is free again, e.g. for another device. A device let in
 * with a personal link frees the link too: the same link opens again, as a code does (decision 007,
 * amended 2026-12-07). `byLink`: it did, so the page after says to open the link again.
 */
export async function leaveConversation({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<{ byLink: boolean }> {
	// Its own device only; a hand-over device goes back through the professional's re-authentication.
	if (actor.type !== 'participant' || actor.mode !== 'ownDevice') throw domainError('not_found');
	const participant = actor;
	const now = ctx.clock.now().toISOString();
	const conversation = { id: participant.conversationId, organisationId: participant.organisationId };
	const { version, byLink } = await ctx.db.transaction().execute(async (trx) => {
		const raised = await raiseVersion(trx, conversation);
		const repo = createParticipationRepository(trx);
		await repo.revokeDeviceSession(participant.organisationId, participant.deviceSessionId, now);
		await repo.releaseParty(participant.organisationId, participant.conversationId, participant.partyId);
		// Only the link this device holds: a link another device opened stays that device's.
		const held = await repo.findLinkOfDeviceSession(participant.organisationId, participant.deviceSessionId);
		const released =
			held !== null &&
			(await createLinksRepository(trx).releaseLink(participant.organisationId, participant.conversationId, held, now)) > 0;
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'participation.left',
			target: { type: 'conversationParty', id: participant.partyId },
			details: released ? { linkId: held } : undefined
		});
		// With the change, as every participant's change: a refused one leaves no entry (decision 016).
		await logParticipantAccess(trx, participant, 'change', 'conversation');
		return { version: raised, byLink: released };
	});
	await announce(ctx, { ...conversation, version }, 'party.released');
	return { byLink };
}

/** Ends reading the outcome on this phone before its time (a shared phone); nothing else changes. */
export async function endOutcomeReading({ ctx, actor }: { ctx: AppContext; actor: Actor }): Promise<void> {
	const access = await requireOwnOutcome({ db: ctx.db, actor });
	if (actor.type !== 'outcomeReader') throw domainError('not_found');
	const now = ctx.clock.now().toISOString();
	await ctx.db.transaction().execute(async (trx) => {
		await createParticipationRepository(trx).revokeDeviceSession(access.organisationId, actor.deviceSessionId, now);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'outcome.removed_from_device',
			target: { type: 'conversationParty', id: access.partyId }
		});
	});
}

/** Who may follow a conversation live: its own participant devices, and the professionals who may lead it. */
export async function authorizeLiveUpdates({ ctx, actor, conversationId }: { ctx: AppContext; actor: Actor; conversationId: string }) {
	if (actor.type === 'participant') {
		if (actor.conversationId !== conversationId) throw domainError('not_found');
		return { organisationId: actor.organisationId };
	}
	const { staff } = await requireConversationLead(ctx, actor, conversationId, 'view');
	return { organisationId: staff.organisationId };
}

/** Who follows a live stream, by what they opened it with: a participant's device, or a member of staff's session cookie. */
export type LiveFollower = { type: 'participant'; deviceToken: string } | { type: 'staff'; cookie: string };

/**
 * Whether the follower of a live stream may still follow it, asked again as changes come: the
 * stream was authorised once, when it opened (authorizeLiveUpdates), and stays open for hours.
 * A device session ends with its conversation; a member of staff signs out, is deactivated or is
 * taken off the collaboration. Decided by the same rule as the door, on the session as it is now.
 * Writes no access entry: it reads no client data (the stream's opening was logged, and the
 * page a change makes the browser fetch passes its own door).
 */
export async function mayStillFollow(ctx: AppContext, follower: LiveFollower, conversationId: string): Promise<boolean> {
	if (follower.type === 'participant') {
		const actor = await authenticateDevice(ctx, follower.deviceToken);
		return actor?.type === 'participant' && actor.conversationId === conversationId;
	}
	const { actor } = await authenticate(ctx, new Headers({ cookie: follower.cookie }));
	const reachable = await filterAccessible({ db: ctx.db, actor, permission: 'conversation.lead', ids: [conversationId] });
	return reachable.has(conversationId);
}

/**
 * Whether a page is behind: the conversation's version now when it is newer than the version the
 * page was rendered with (`shown`), else null (also when the conversation is gone). For a live
 * stream that was just authorised (authorizeLiveUpdates) and subscribed, to catch up on a change
 * made before it opened. Every change a page shows raises the version — through the
 * conversation's lock, or `raiseVersion` in the transaction of a name claimed or freed and of a
 * preparation shared or taken back — so this one comparison covers them all (decision 004).
 */
export async function newerVersionThan(
	ctx: AppContext,
	organisationId: string,
	conversationId: string,
	shown: number
): Promise<number | null> {
	const current = await createConversationsRepository(ctx.db).findConversationVersion(organisationId, conversationId);
	return current !== null && current > shown ? current : null;
}

/** After a change is committed: every device following the conversation fetches again (shared/live.ts). */
export { announce, raiseVersion };
