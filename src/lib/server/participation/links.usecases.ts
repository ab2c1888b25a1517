import type { Kysely } from 'kysely';
import type { Actor } from '#lib/server/access/actor.ts';
import { qrDataUrl } from '#lib/server/shared/qr.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Database, ClientLocale } from '#lib/server/db/schema.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import type { Clock } from '#lib/server/shared/clock.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { hashToken, newId, newSecretToken } from '#lib/server/shared/tokens.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { sendLinkMail } from './links.mails.ts';
import { inOrganisationWording } from '../wording/wording.usecases.ts';
import { linkExpiresAt, linkState, preparationLinkEnd, type LinkPurpose, type LinkState } from './links.models.ts';
import { createLinksRepository, type LinkParty } from './links.repository.ts';
import { isConversationRunning } from './participation.models.ts';
import { createParticipationRepository } from './participation.repository.ts';
import { announce, raiseVersion, requireConversationLead, sortParties } from './participation.usecases.ts';

/**
 * Personal links (participant_links): one party of one conversation gets a link — by e-mail,
 * printed or as a QR code — that the first device to open it claims. It then takes part like a
 * device that joined with the code: an own-device session for that party, lasting as long as
 * the link. Purposes: preparing a learning conversation at home, session feedback afterwards.
 */

export interface IssuedLink {
	linkId: string;
	partyId: string;
	purpose: LinkPurpose;
	/** Only here, once: the database keeps its hash. */
	token: string;
	url: string;
	expiresAt: string;
}

export function linkUrl(ctx: Pick<AppContext, 'publicOrigin'>, token: string): string {
	return `${ctx.publicOrigin}/l/${token}`;
}

/** A QR code of the link as a data: URL, made on the server (no script; the CSP allows data: images). */
export function linkQrDataUrl(url: string): Promise<string> {
	return qrDataUrl(url);
}

type IssueInput = { actor: Actor; organisationId: string; conversationId: string; partyId: string; purpose: LinkPurpose; expiresAt: Date };
type IssueContext = Pick<AppContext, 'publicOrigin'> & { clock: Clock };

/**
 * One party, one device. Inside the caller's transaction: ends every device that takes part as
 * this party on its own phone (opened a link or typed the code) and frees the name, so the next
 * link or code can take it. A hand-over session is left alone: it ends when the professional
 * takes their device back.
 */
async function endPartyDevices(
	trx: Kysely<Database>,
	input: { organisationId: string; conversationId: string; partyId: string; now: string }
) {
	const participation = createParticipationRepository(trx);
	const ended = await participation.revokeOwnDeviceSessionsOfParty(input.organisationId, input.conversationId, input.partyId, input.now);
	await participation.releaseParty(input.organisationId, input.conversationId, input.partyId);
	return ended;
}

async function insertNewLink(trx: Kysely<Database>, ctx: IssueContext, input: IssueInput, linkId: string, details: Record<string, number>) {
	const now = ctx.clock.now();
	const token = newSecretToken();
	const expiresAt = linkExpiresAt(now, input.expiresAt).toISOString();
	await createLinksRepository(trx).insertLink({
		id: linkId,
		organisationId: input.organisationId,
		conversationId: input.conversationId,
		partyId: input.partyId,
		purpose: input.purpose,
		tokenHash: hashToken(token),
		createdAt: now.toISOString(),
		expiresAt
	});
	await recordAudit(trx, ctx.clock, {
		actor: input.actor,
		organisationId: input.organisationId,
		action: 'link.created',
		target: { type: 'conversationParty', id: input.partyId },
		details: { linkId, conversationId: input.conversationId, purpose: input.purpose, ...details }
	});
	return { linkId, partyId: input.partyId, purpose: input.purpose, token, url: linkUrl(ctx, token), expiresAt };
}

/**
 * Inside the caller's transaction, after the caller checked access: a new link for one party.
 * It replaces every earlier link of that party and purpose, opened or not, and ends every device
 * that took part as that party: whoever holds the new link is the only one who reads on
 * (docs/decisions/007). Every way of making a link again goes through here.
 */
export async function issueLink(trx: Kysely<Database>, ctx: IssueContext, input: IssueInput): Promise<IssuedLink> {
	const now = ctx.clock.now().toISOString();
	const linkId = newId();
	const replaced = await createLinksRepository(trx).endLinks(
		input.organisationId,
		input.conversationId,
		input.partyId,
		input.purpose,
		now,
		linkId
	);
	const devicesEnded = await endPartyDevices(trx, { ...input, now });
	return insertNewLink(trx, ctx, input, linkId, { replaced, devicesEnded });
}

/**
 * For reminders: a fresh link only while nobody opened a link of this party and purpose and the
 * professional did not take one back, so a reminder never ends a phone someone is preparing on
 * and never undoes a revocation. Throws `link.claimed` or `link.revoked` otherwise (the caller's
 * transaction then changes nothing). The unopened links are ended first: a claim racing with
 * this either came first (then this finds it) or finds its link replaced.
 */
export async function issueLinkUnlessOpened(trx: Kysely<Database>, ctx: IssueContext, input: IssueInput): Promise<IssuedLink> {
	const now = ctx.clock.now().toISOString();
	const repo = createLinksRepository(trx);
	const linkId = newId();
	const replaced = await repo.endLinks(input.organisationId, input.conversationId, input.partyId, input.purpose, now, linkId, {
		unopenedOnly: true
	});
	const block = await repo.findReminderBlock(input.organisationId, input.conversationId, input.partyId, input.purpose);
	if (block) throw domainError(block === 'opened' ? 'link.claimed' : 'link.revoked');
	return insertNewLink(trx, ctx, input, linkId, { replaced, devicesEnded: 0 });
}

/** The link's default end: a preparation link until the day after the planned day, else LINK_DEFAULT_DAYS. */
function defaultEnd(purpose: LinkPurpose, scheduledOn: string | null, now: Date): Date {
	return linkExpiresAt(now, purpose === 'preparation' && scheduledOn ? preparationLinkEnd(scheduledOn) : null);
}

/**
 * A new link for a party of the conversation, given by the professional leading it, replacing the
 * party's earlier ones: a change, logged with it. A device that took part as this party has just
 * ended: it loads its page again and is told so. Refused, changing nothing: a conversation that
 * has ended, a party it does not have, and (`needsEmail`) a party without an e-mail address.
 */
async function issueLinkFor(
	ctx: AppContext,
	input: { actor: Actor; conversationId: string; partyId: string; purpose: LinkPurpose; expiresAt?: Date; needsEmail?: boolean }
) {
	const { staff, conversation, logAccess } = await requireConversationLead(ctx, input.actor, input.conversationId, 'change');
	if (!isConversationRunning(conversation.phase)) throw domainError('conversation.ended');
	const repo = createLinksRepository(ctx.db);
	const party = await repo.findParty(staff.organisationId, conversation.id, input.partyId);
	if (!party) throw domainError('not_found');
	if (input.needsEmail && !party.email) throw domainError('link.no_email');
	const scheduledOn = (await repo.findScheduledOn(staff.organisationId, conversation.id)) ?? null;
	const expiresAt = input.expiresAt ?? defaultEnd(input.purpose, scheduledOn, ctx.clock.now());
	const { issued, version } = await ctx.db.transaction().execute(async (trx) => {
		const version = await raiseVersion(trx, conversation);
		const issued = await issueLink(trx, ctx, {
			actor: staff,
			organisationId: staff.organisationId,
			conversationId: conversation.id,
			partyId: party.partyId,
			purpose: input.purpose,
			expiresAt
		});
		await logAccess(trx);
		return { issued, version };
	});
	await announce(ctx, { ...conversation, version }, 'party.released');
	return { staff, conversation, party, scheduledOn, issued };
}

/**
 * For printing or showing on screen: a new link with its QR code. Any earlier link of this
 * party and purpose that nobody opened stops working (only its hash was kept, so it cannot be
 * shown again).
 */
export async function createParticipantLink(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	partyId: string;
	purpose: LinkPurpose;
	expiresAt?: Date;
}): Promise<IssuedLink & { qrDataUrl: string; displayName: string; locale: ClientLocale }> {
	const { issued, party } = await issueLinkFor(input.ctx, input);
	return { ...issued, qrDataUrl: await linkQrDataUrl(issued.url), displayName: party.displayName, locale: party.locale };
}

/** A new link, sent to the participant's e-mail address in their language. */
export async function sendParticipantLink(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	partyId: string;
	purpose: LinkPurpose;
	expiresAt?: Date;
}): Promise<{ linkId: string; expiresAt: string }> {
	const { ctx } = input;
	const { staff, conversation, party, scheduledOn, issued } = await issueLinkFor(ctx, { ...input, needsEmail: true });
	await mailIssuedLink(ctx, {
		actor: staff,
		organisationId: staff.organisationId,
		conversationId: conversation.id,
		party,
		scheduledOn,
		issued,
		senderUserId: staff.userId
	});
	return { linkId: issued.linkId, expiresAt: issued.expiresAt };
}

/**
 * Mails a link just issued (after its transaction committed) and records that it was sent.
 * Also for jobs (system actor): the caller has checked that the conversation and party belong
 * together; `senderUserId` names the professional the participant knows.
 */
export async function mailIssuedLink(
	ctx: AppContext,
	input: {
		actor: Actor;
		organisationId: string;
		conversationId: string;
		party: LinkParty;
		scheduledOn: string | null;
		issued: IssuedLink;
		senderUserId: string | null;
	}
): Promise<void> {
	const { party, issued } = input;
	if (!party.email) throw domainError('link.no_email');
	const sender = input.senderUserId ? await createStaffRepository(ctx.db).findUserForMail(input.senderUserId) : undefined;
	const to = party.email;
	await inOrganisationWording(ctx, input.organisationId, () =>
		sendLinkMail(ctx, {
			to,
			participantId: party.participantId,
			locale: party.locale,
			purpose: issued.purpose,
			url: issued.url,
			expiresAt: issued.expiresAt,
			professionalName: sender?.name ?? '',
			scheduledOn: input.scheduledOn
		})
	);
	await ctx.db.transaction().execute(async (trx) => {
		await createLinksRepository(trx).markSent(input.organisationId, input.conversationId, issued.linkId, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor: input.actor,
			organisationId: input.organisationId,
			action: 'link.sent',
			target: { type: 'conversationParty', id: party.partyId },
			details: { linkId: issued.linkId, conversationId: input.conversationId, purpose: issued.purpose }
		});
	});
}

/**
 * Ends the party's links of this purpose, opened or not, and every device that took part as this
 * party: the professional takes a link back. No new link is made; the link's page says so.
 */
export async function revokeParticipantLinks(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	partyId: string;
	purpose: LinkPurpose;
}): Promise<{ revoked: number }> {
	const { ctx } = input;
	const { staff, conversation, logAccess } = await requireConversationLead(ctx, input.actor, input.conversationId, 'change');
	const party = await createLinksRepository(ctx.db).findParty(staff.organisationId, conversation.id, input.partyId);
	if (!party) throw domainError('not_found');
	const result = await ctx.db.transaction().execute(async (trx) => {
		// Raised whether or not a device ends: first, as every change of a conversation locks it.
		const version = await raiseVersion(trx, conversation);
		const now = ctx.clock.now().toISOString();
		const ids = { organisationId: staff.organisationId, conversationId: conversation.id, partyId: party.partyId, now };
		const revoked = await createLinksRepository(trx).endLinks(
			ids.organisationId,
			ids.conversationId,
			ids.partyId,
			input.purpose,
			now,
			null
		);
		const devicesEnded = revoked > 0 ? await endPartyDevices(trx, ids) : 0;
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action: 'link.revoked',
			target: { type: 'conversationParty', id: party.partyId },
			details: { conversationId: conversation.id, purpose: input.purpose, revoked, devicesEnded }
		});
		await logAccess(trx);
		return { revoked, devicesEnded, version };
	});
	if (result.devicesEnded > 0) await announce(ctx, { ...conversation, version: result.version }, 'party.released');
	return { revoked: result.revoked };
}

export interface PartyLinkStatus {
	partyId: string;
	displayName: string;
	hasEmail: boolean;
	/** The newest link of this purpose, or null when there is none. */
	link: { state: LinkState; createdAt: string; expiresAt: string; sentAt: string | null; claimedAt: string | null } | null;
}

/** Per participant: whether they have a link, and whether it was sent and opened. No tokens. */
export async function listParticipantLinks(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	purpose: LinkPurpose;
}): Promise<PartyLinkStatus[]> {
	const { ctx } = input;
	const { staff, conversation } = await requireConversationLead(ctx, input.actor, input.conversationId, 'view');
	const repo = createLinksRepository(ctx.db);
	const parties = await repo.listParties(staff.organisationId, conversation.id);
	const links = (await repo.listLinks(staff.organisationId, conversation.id)).filter((link) => link.purpose === input.purpose);
	const now = ctx.clock.now();
	const sorted = sortParties(parties.map((party) => ({ ...party, claimed: false })));
	return sorted.map((party) => {
		const newest = links.filter((link) => link.partyId === party.partyId).at(-1);
		const email = parties.find((p) => p.partyId === party.partyId)?.email ?? null;
		return {
			partyId: party.partyId,
			displayName: party.displayName,
			hasEmail: email !== null && email !== '',
			link: newest
				? {
						state: linkState(newest, now),
						createdAt: newest.createdAt,
						expiresAt: newest.expiresAt,
						sentAt: newest.sentAt,
						claimedAt: newest.claimedAt
					}
				: null
		};
	});
}
