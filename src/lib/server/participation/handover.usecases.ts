import type { Kysely } from 'kysely';
import type { Database } from '#lib/server/db/schema.ts';
import { isAPIError } from 'better-auth/api';
import { verifyPassword } from '../auth/password.ts';
import type { Actor, StaffActor } from '#lib/server/access/actor.ts';
import { qrDataUrl as makeQrDataUrl } from '#lib/server/shared/qr.ts';
import { authenticate } from '#lib/server/auth/authenticate.ts';
import type { AppContext } from '#lib/server/context.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError, isDomainError, rateLimited } from '#lib/server/shared/errors.ts';
import { beginAttempt, clearRateLimit, type RateLimitRule } from '#lib/server/shared/rate-limit.ts';
import { hashToken } from '#lib/server/shared/tokens.ts';
import { createStaffRepository } from '#lib/server/staff/staff.repository.ts';
import { joinKeyFor } from './join-key.ts';
import { isConversationRunning } from './participation.models.ts';
import { createParticipationRepository, type DeviceSessionRecord } from './participation.repository.ts';
import { createLinksRepository } from './links.repository.ts';
import {
	announce,
	raiseVersion,
	createDeviceSession,
	requireConversationLead,
	sortParties,
	type DeviceSessionGrant
} from './participation.usecases.ts';

/**
 * Failures only (decision 012). A PIN has few combinations, so after 5 wrong ones it stops
 * working for a quarter — also the right one, or the limit would not slow a guesser — and the
 * message says to use the password, which always remains a way back and clears the PIN's count.
 */
const PIN_ATTEMPTS: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };
const PASSWORD_ATTEMPTS: RateLimitRule = { limit: 10, windowMs: 15 * 60_000 };
const PASSWORD_ATTEMPTS_PER_ACCOUNT: RateLimitRule = { limit: 30, windowMs: 15 * 60_000 };

/**
 * The buckets count per staff session, that is per handed-over device: whoever holds one device
 * can make only that device's PIN and password rest, never the professional's other devices, and
 * on that one the professional can always sign out (signOutHandedOverDevice).
 */
const handoverBucket = (kind: 'pin' | 'password', staff: StaffActor) => `handover-${kind}:${staff.sessionId ?? staff.userId}`;

/** The join code as the professional shows it: big, and as a QR code made here (no script; the CSP allows data: images). */
export async function getJoinPanel(input: { ctx: AppContext; actor: Actor; conversationId: string; origin: string }) {
	const { conversation, staff } = await requireConversationLead(input.ctx, input.actor, input.conversationId, 'view');
	const parties = await createParticipationRepository(input.ctx.db).listParticipantParties(staff.organisationId, conversation.id);
	const participants = sortParties(parties).map(({ partyId, displayName, claimed }) => ({ partyId, displayName, claimed }));
	const code = isConversationRunning(conversation.phase) ? conversation.joinCode : null;
	const joinPage = `${input.origin}/join`;
	if (!code) return { conversationId: conversation.id, code: null, joinPage, joinUrl: null, qrDataUrl: null, participants };
	// The QR code carries the code's key too, so a phone that scanned it is never held back by
	// wrong codes others typed from the same address (join-key.ts). The code on screen stays short.
	const joinUrl = `${joinPage}?code=${code}&key=${await joinKeyFor(input.ctx.db, code)}`;
	const qrDataUrl = await makeQrDataUrl(joinUrl);
	return { conversationId: conversation.id, code, joinPage, joinUrl, qrDataUrl, participants };
}

export type JoinPanelData = Awaited<ReturnType<typeof getJoinPanel>>;

async function findParticipantParty(ctx: AppContext, staff: StaffActor, conversationId: string, partyId: string) {
	const parties = await createParticipationRepository(ctx.db).listParticipantParties(staff.organisationId, conversationId);
	const party = parties.find((p) => p.partyId === partyId);
	if (!party) throw domainError('not_found');
	return party;
}

/**
 * The professional frees a name, e.g. when a phone died: its own-device sessions end and it can be
 * claimed again, with the code or with the personal link such a device held: that link opens again,
 * as when the client stops on the phone (decision 007, amended 2026-12-07). A replaced, revoked or
 * expired link stays ended.
 */
export async function releaseParticipant(input: { ctx: AppContext; actor: Actor; conversationId: string; partyId: string }): Promise<void> {
	const { ctx } = input;
	const { staff, conversation, logAccess } = await requireConversationLead(ctx, input.actor, input.conversationId, 'change');
	const party = await findParticipantParty(ctx, staff, conversation.id, input.partyId);
	const version = await ctx.db.transaction().execute(async (trx) => {
		const raised = await raiseVersion(trx, conversation);
		const repo = createParticipationRepository(trx);
		const now = ctx.clock.now().toISOString();
		const held = await repo.findLinksHeldByParty(staff.organisationId, conversation.id, party.partyId);
		const ended = await repo.revokeOwnDeviceSessionsOfParty(staff.organisationId, conversation.id, party.partyId, now);
		await repo.releaseParty(staff.organisationId, conversation.id, party.partyId);
		const links = createLinksRepository(trx);
		let linksReleased = 0;
		for (const linkId of held) linksReleased += await links.releaseLink(staff.organisationId, conversation.id, linkId, now);
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action: 'participation.released',
			target: { type: 'conversationParty', id: party.partyId },
			details: { sessionsEnded: ended, linksReleased }
		});
		await logAccess(trx);
		return raised;
	});
	await announce(ctx, { ...conversation, version }, 'party.released');
}

/**
 * The professional hands this device to a participant: from now on it shows the client-only
 * screen for that participant, until the professional authenticates again (endHandover).
 */
export async function startHandover(input: {
	ctx: AppContext;
	actor: Actor;
	conversationId: string;
	partyId: string;
}): Promise<DeviceSessionGrant> {
	const { ctx } = input;
	const { staff, conversation, logAccess } = await requireConversationLead(ctx, input.actor, input.conversationId, 'change');
	if (!isConversationRunning(conversation.phase)) throw domainError('conversation.ended');
	const party = await findParticipantParty(ctx, staff, conversation.id, input.partyId);
	const { grant, version } = await ctx.db.transaction().execute(async (trx) => {
		const version = await raiseVersion(trx, conversation);
		const now = ctx.clock.now();
		// Taken by this device now, so no phone can claim the same name meanwhile; a name already taken stays taken.
		await createParticipationRepository(trx).claimParty(staff.organisationId, conversation.id, party.partyId, now.toISOString());
		const created = await createDeviceSession(trx, {
			conversation,
			party,
			mode: 'handover',
			now,
			requestId: staff.requestId,
			lockedStaffSessionId: staff.sessionId
		});
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action: 'participation.handover_started',
			target: { type: 'conversationParty', id: party.partyId },
			details: { deviceSessionId: created.actor.deviceSessionId }
		});
		await logAccess(trx);
		return { grant: created, version };
	});
	await announce(ctx, { ...conversation, version }, 'party.claimed');
	return grant;
}

/**
 * What the "take the device back" page offers: the PIN only to a professional who set one. And to
 * whom the device was handed (`handedTo`: their name and language, and whether the conversation
 * has ended), from this browser's device session or, when its cookies are gone, from the lock on
 * the professional's session; null when neither is left (the page then only asks for the device back).
 */
export async function getHandoverReturn({
	ctx,
	requestHeaders,
	deviceToken
}: {
	ctx: AppContext;
	requestHeaders: Headers;
	deviceToken: string | undefined;
}) {
	const { session, staff } = await readHandedOverDevice(ctx, { deviceToken, requestHeaders });
	const handover =
		session?.mode === 'handover'
			? session
			: staff?.sessionId
				? await createParticipationRepository(ctx.db).findHandoverOfStaffSession(staff.sessionId)
				: undefined;
	const handedTo = handover ? { name: handover.displayName, locale: handover.locale, ended: !isConversationRunning(handover.phase) } : null;
	if (!staff) return { signedIn: false, pinAvailable: false, handedTo };
	const pinHash = await createStaffRepository(ctx.db).findHandoverPinHash(staff.userId);
	return { signedIn: true, pinAvailable: pinHash !== null, handedTo };
}

export type HandoverSecret = { pin: string } | { password: string };

/**
 * The professional takes the device back: their PIN or password, checked against the staff
 * session this browser still holds. Re-authentication is the authorization here; the device
 * session (whether still running or ended with its conversation) is revoked only after it.
 * When no staff session is left (it expired, or was ended elsewhere), nothing is unlocked by
 * ending the hand-over: the device goes to the sign-in page.
 */
export async function endHandover(input: {
	ctx: AppContext;
	deviceToken: string | undefined;
	requestHeaders: Headers;
	secret: HandoverSecret;
}): Promise<{ staff: StaffActor | null }> {
	const { ctx } = input;
	const { session, staff } = await readHandedOverDevice(ctx, input);
	if (!staff) {
		await revokeHandoverSession(ctx.db, session, ctx.clock.now().toISOString());
		return { staff: null };
	}
	await verifyStaffSecret(ctx, staff, input.secret, input.requestHeaders);
	await releaseHandover(ctx, session, staff, 'participation.handover_ended', { method: 'pin' in input.secret ? 'pin' : 'password' });
	return { staff };
}

/**
 * The way back that no throttle closes: on a handed-over device, anyone may end the professional's
 * session there without the PIN or password. It gives nobody anything (the session and the
 * hand-over end, the device shows the sign-in page), so a client who typed wrong PINs and passwords
 * until they rest cannot keep the professional from their device: they sign in again, as in any
 * browser, where the client's wrong guesses never counted. Returns better-auth's cookie headers.
 */
export async function signOutHandedOverDevice(input: {
	ctx: AppContext;
	deviceToken: string | undefined;
	requestHeaders: Headers;
}): Promise<{ headers: Headers | null }> {
	const { ctx } = input;
	const { session, staff } = await readHandedOverDevice(ctx, input);
	// Only on a handed-over device: elsewhere this is no way back from anything (sign out as usual).
	const locked = staff?.sessionId ? await createParticipationRepository(ctx.db).isStaffSessionLocked(staff.sessionId) : false;
	if (session?.mode !== 'handover' && !locked) throw domainError('not_found');
	if (!staff) {
		await revokeHandoverSession(ctx.db, session, ctx.clock.now().toISOString());
		return { headers: null };
	}
	// The session ends first: were the lock lifted first and the sign-out then failed, a valid
	// session would be left without its lock.
	const { headers } = await ctx.auth.api.signOut({ headers: input.requestHeaders, returnHeaders: true });
	await releaseHandover(ctx, session, staff, 'participation.handover_signed_out', {});
	return { headers };
}

/** What taking a device back acts on: this browser's device session, and its staff session (the hand-over's lock ignored). */
async function readHandedOverDevice(ctx: AppContext, input: { deviceToken: string | undefined; requestHeaders: Headers }) {
	const session = input.deviceToken
		? await createParticipationRepository(ctx.db).findDeviceSession(hashToken(input.deviceToken))
		: undefined;
	const { actor } = await authenticate(ctx, input.requestHeaders, { ignoreHandoverLock: true });
	return { session, staff: actor.type === 'staff' ? actor : null };
}

/** Ends the device's session when it is a hand-over's (an own phone's is left as it is). */
async function revokeHandoverSession(db: Kysely<Database>, session: DeviceSessionRecord | undefined, now: string) {
	if (session?.mode === 'handover') await createParticipationRepository(db).revokeDeviceSession(session.organisationId, session.id, now);
}

/**
 * In one transaction: the device's hand-over session ends, and every hand-over lock of the staff
 * session (also when the device's cookies are gone: the lock lives on the server, by staff
 * session), and the audit says how the professional got the device back.
 */
async function releaseHandover(
	ctx: AppContext,
	session: DeviceSessionRecord | undefined,
	staff: StaffActor,
	action: 'participation.handover_ended' | 'participation.handover_signed_out',
	details: Record<string, string>
): Promise<void> {
	await ctx.db.transaction().execute(async (trx) => {
		const now = ctx.clock.now().toISOString();
		await revokeHandoverSession(trx, session, now);
		if (staff.sessionId) await createParticipationRepository(trx).revokeHandoversOfStaffSession(staff.sessionId, now);
		await recordAudit(trx, ctx.clock, {
			actor: staff,
			action,
			target: session ? { type: 'conversationParty', id: session.partyId } : undefined,
			details: { deviceSessionId: session?.id ?? null, ...details }
		});
	});
}

async function verifyStaffSecret(ctx: AppContext, staff: StaffActor, secret: HandoverSecret, headers: Headers): Promise<void> {
	const pinKey = handoverBucket('pin', staff);
	if ('pin' in secret) {
		const hash = await createStaffRepository(ctx.db).findHandoverPinHash(staff.userId);
		if (!hash) throw domainError('participation.no_pin');
		const attempt = await beginAttempt(ctx, [{ key: pinKey, rule: PIN_ATTEMPTS, onSuccess: 'clear' }]).catch((error: unknown) => {
			throw isDomainError(error, 'rate_limited')
				? rateLimited(error.retryAfterMs ?? PIN_ATTEMPTS.windowMs, 'participation.pin_locked')
				: error;
		});
		if (!(await verifyPassword({ hash, password: secret.pin }))) throw domainError('participation.wrong_secret');
		await attempt.succeeded();
		return;
	}
	const attempt = await beginAttempt(ctx, [
		{ key: handoverBucket('password', staff), rule: PASSWORD_ATTEMPTS, onSuccess: 'clear' },
		// However many devices are handed over at once, the password is guessed at most this often.
		{ key: `handover-password-account:${staff.userId}`, rule: PASSWORD_ATTEMPTS_PER_ACCOUNT, onSuccess: 'clear' }
	]);
	await checkPassword(ctx, secret.password, headers, 'participation.wrong_secret');
	await attempt.succeeded();
	await clearRateLimit(ctx.db, pinKey);
}

/** The signed-in staff member's password, checked by better-auth against their session. */
export async function checkPassword(
	ctx: AppContext,
	password: string,
	headers: Headers,
	code: 'participation.wrong_secret' | 'auth.wrong_password'
): Promise<void> {
	try {
		await ctx.auth.api.verifyPassword({ body: { password }, headers });
	} catch (error) {
		if (isAPIError(error)) throw domainError(code);
		throw error;
	}
}
