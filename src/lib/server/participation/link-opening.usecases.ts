import type { Actor } from '#lib/server/access/actor.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { ClientLocale } from '#lib/server/db/schema.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, isDomainError } from '#lib/server/shared/errors.ts';
import { consumeRateLimit, countWrongLink, type RateLimitRule } from '#lib/server/shared/rate-limit.ts';
import { hashToken, looksLikeSecretToken } from '#lib/server/shared/tokens.ts';
import { linkState, type LinkPurpose, type LinkState } from './links.models.ts';
import { createLinksRepository, type LinkWithContext } from './links.repository.ts';
import { isConversationRunning } from './participation.models.ts';
import { createParticipationRepository } from './participation.repository.ts';
import { announce, raiseVersion, createDeviceSession, type DeviceSessionGrant } from './participation.usecases.ts';

/**
 * Opening and claiming a personal link (links.usecases.ts issues, sends and revokes them): the
 * first device to claim a link takes part as its party; a device whose link ended is told why.
 */

/** Why a device that opened a personal link no longer takes part, for the page that tells it so. */
export type EndedLinkReason = 'replaced' | 'revoked' | 'ended';

/**
 * For a device whose session no longer works: null when it was not let in with a personal link
 * (it joined with the code), else why. Says nothing about the participant; the cookie is the key.
 */
export async function findEndedLinkReason(ctx: AppContext, deviceToken: string): Promise<EndedLinkReason | null> {
	if (!deviceToken || deviceToken.length > 100) return null;
	const session = await createParticipationRepository(ctx.db).findDeviceSession(hashToken(deviceToken));
	if (!session?.linkId) return null;
	const link = await createLinksRepository(ctx.db).findLink(session.organisationId, session.linkId);
	if (link?.replacedBy) return 'replaced';
	if (link?.revokedAt) return 'revoked';
	return 'ended';
}

/** What the link page shows before the device claims it. */
export interface OpenedLink {
	/** 'mine': this device already holds the link's session. */
	state: 'open' | 'mine';
	purpose: LinkPurpose;
	locale: ClientLocale;
	expiresAt: string;
}

async function findUsableLink(ctx: AppContext, actor: Actor, token: string, clientAddress: string) {
	const link = looksLikeSecretToken(token) ? await createLinksRepository(ctx.db).findByTokenHash(hashToken(token)) : undefined;
	if (!link) {
		// A failure counts; past the limit the answer says to wait rather than that the link is wrong.
		await countWrongLink(ctx, clientAddress);
		throw domainError('link.invalid');
	}
	const mine = actor.type === 'participant' && actor.partyId === link.partyId && actor.conversationId === link.conversationId;
	if (mine) {
		// This device already takes part as the party (it joined with the code): the link becomes
		// its own too, so no second device can open it, and stopping on this device frees it again
		// (leaveConversation). A mail scanner has no device session.
		if (actor.mode === 'ownDevice') await adoptLink(ctx, actor.deviceSessionId, link);
		return { link, mine: true };
	}
	const state = isConversationRunning(link.phase) ? linkState(link, ctx.clock.now()) : 'expired';
	if (state !== 'open') {
		await refuse(ctx, actor, link, state);
		throw domainError(`link.${state}`);
	}
	return { link, mine: false };
}

/** The link and this device's session change together, so this device frees the link when it stops. */
async function adoptLink(ctx: AppContext, deviceSessionId: string, link: LinkWithContext): Promise<void> {
	await ctx.db.transaction().execute(async (trx) => {
		if ((await createLinksRepository(trx).claimLink(link.organisationId, link.id, ctx.clock.now().toISOString())) === 0) return;
		await createParticipationRepository(trx).adoptLink(link.organisationId, deviceSessionId, link.id);
	});
}

/** How often an ended link's refusal is written to the audit log: once a day per link and reason. */
const REFUSALS_RECORDED: RateLimitRule = { limit: 1, windowMs: 24 * 60 * 60_000 };

/**
 * Refusals are logged without anything that identifies the participant: ids and the reason only;
 * once a day per link and reason. An ended link still reaches its party (it is never refused by
 * the address bucket), so anyone holding an old mail, or a link-preview bot, could otherwise add
 * an audit row, kept for years, with every request (an outside review, 2026-12-06).
 */
async function refuse(ctx: AppContext, actor: Actor, link: LinkWithContext, reason: Exclude<LinkState, 'open'>): Promise<void> {
	if (!(await consumeRateLimit(ctx.db, ctx.clock, `link-refused:${link.id}:${reason}`, REFUSALS_RECORDED)).allowed) return;
	await recordAudit(ctx.db, ctx.clock, {
		actor,
		organisationId: link.organisationId,
		action: 'link.refused',
		target: { type: 'conversationParty', id: link.partyId },
		details: { linkId: link.id, reason }
	});
}

/** Opening a link (GET): whether it can still be claimed. Claiming is a separate step (a button), so mail scanners that follow links claim nothing. */
export async function openParticipantLink(input: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	clientAddress: string;
}): Promise<OpenedLink> {
	const { link, mine } = await findUsableLink(input.ctx, input.actor, input.token, input.clientAddress);
	return { state: mine ? 'mine' : 'open', purpose: link.purpose, locale: link.locale, expiresAt: link.expiresAt };
}

/**
 * The first device to claim the link takes part as that party, until the link's end. A second
 * device, an expired or ended link, or one the professional replaced: a clear refusal, nothing changed.
 * Returns null when this device already holds the link's session.
 */
export async function claimParticipantLink(input: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	clientAddress: string;
	requestId?: string;
}): Promise<(DeviceSessionGrant & { purpose: LinkPurpose }) | null> {
	const { ctx } = input;
	const { link, mine } = await findUsableLink(ctx, input.actor, input.token, input.clientAddress);
	if (mine) return null;
	const conversation = {
		id: link.conversationId,
		organisationId: link.organisationId,
		collaborationId: link.collaborationId,
		phase: link.phase,
		joinCode: null,
		version: link.conversationVersion
	};
	let grant: DeviceSessionGrant & { version: number };
	try {
		grant = await ctx.db.transaction().execute(async (trx) => {
			const version = await raiseVersion(trx, conversation);
			// Read again under that lock: a conversation that ended since the link was checked refuses it, as its links
			// are refused once it ended; no device session in it (an own phone of a closed one reads its outcome).
			const current = await createParticipationRepository(trx).findConversation(link.organisationId, link.conversationId);
			if (!current || !isConversationRunning(current.phase)) throw domainError('link.expired');
			const now = ctx.clock.now();
			if ((await createLinksRepository(trx).claimLink(link.organisationId, link.id, now.toISOString())) === 0) {
				throw domainError('link.claimed');
			}
			// The name counts as taken, as after joining with the code; a name already taken stays taken.
			await createParticipationRepository(trx).claimParty(link.organisationId, link.conversationId, link.partyId, now.toISOString());
			const party = {
				partyId: link.partyId,
				participantId: link.participantId,
				displayName: link.displayName,
				locale: link.locale,
				claimed: true
			};
			const created = await createDeviceSession(trx, {
				conversation,
				party,
				mode: 'ownDevice',
				now,
				requestId: input.requestId,
				expiresAt: link.expiresAt,
				linkId: link.id
			});
			await recordAudit(trx, ctx.clock, {
				actor: created.actor,
				action: 'link.claimed',
				target: { type: 'conversationParty', id: link.partyId },
				details: { linkId: link.id, purpose: link.purpose, deviceSessionId: created.actor.deviceSessionId }
			});
			return { ...created, version };
		});
	} catch (caught) {
		if (isDomainError(caught, 'link.claimed')) await refuse(ctx, input.actor, link, 'claimed');
		throw caught;
	}
	const { version, ...claimed } = grant;
	await announce(ctx, { ...conversation, version }, 'party.claimed');
	return { ...claimed, purpose: link.purpose };
}
