import type { Kysely } from 'kysely';
import type { ConversationPhase, Database, ClientLocale, Method } from '#lib/server/db/schema.ts';
import { reusableStatement } from '#lib/server/db/reusable.ts';
import type { DeviceMode } from './participation.models.ts';

export interface JoinableConversation {
	id: string;
	organisationId: string;
	collaborationId: string;
	/** Optional for callers that only announce a change. */
	method?: Method;
	phase: ConversationPhase;
	joinCode: string | null;
	version: number;
}

/** As read from the database: with its method, since the participant's screen depends on it (session feedback has a page of its own). */
export interface StoredJoinableConversation extends JoinableConversation {
	method: Method;
}

export interface ParticipantParty {
	partyId: string;
	participantId: string;
	displayName: string;
	locale: ClientLocale;
	claimed: boolean;
}

export interface DeviceSessionRecord {
	id: string;
	organisationId: string;
	collaborationId: string;
	conversationId: string;
	partyId: string;
	participantId: string | null;
	mode: DeviceMode;
	expiresAt: string;
	revokedAt: string | null;
	phase: ConversationPhase;
	method: Method;
	endedAt: string | null;
	locale: ClientLocale;
	/** The participant's name, as the professional entered it. */
	displayName: string;
	/** The personal link this device was let in with, if any. */
	linkId: string | null;
}

/** A device session with its conversation's state and its participant's language and name. */
const deviceSessions = (db: Kysely<Database>) =>
	db
		.selectFrom('deviceSessions as s')
		.innerJoin('conversations as c', (j) => j.onRef('c.organisationId', '=', 's.organisationId').onRef('c.id', '=', 's.conversationId'))
		.innerJoin('conversationParties as cp', (j) =>
			j
				.onRef('cp.organisationId', '=', 's.organisationId')
				.onRef('cp.id', '=', 's.partyId')
				.onRef('cp.conversationId', '=', 's.conversationId')
		)
		.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
		.select([
			's.id',
			's.organisationId',
			'c.collaborationId',
			's.conversationId',
			's.partyId',
			'cp.participantId',
			's.mode',
			's.expiresAt',
			's.revokedAt',
			'c.phase',
			'c.method',
			'c.endedAt',
			'p.locale',
			'p.displayName',
			's.linkId'
		]);

/** Every request of a participant's device looks its session up: built and compiled once. */
const findDeviceSessionStatement = reusableStatement((db: Kysely<Database>, { tokenHash }: { tokenHash: string }) =>
	deviceSessions(db).where('s.tokenHash', '=', tokenHash)
);

/**
 * Device sessions are this feature's own table. It also reads the conversation and its parties,
 * and marks a party as claimed (conversation_parties.claimed_at exists for this feature): the
 * conversations repository offers none of these reads yet, so they live here, scoped by
 * organisation and conversation like every query.
 */
export function createParticipationRepository(db: Kysely<Database>) {
	const conversationColumns = ['id', 'organisationId', 'collaborationId', 'method', 'phase', 'joinCode', 'version'] as const;
	return {
		/** Only conversations still going on: the engine clears the code when one ends; the phase is checked as well. */
		async findRunningConversationByCode(code: string): Promise<StoredJoinableConversation | undefined> {
			return db
				.selectFrom('conversations')
				.select(conversationColumns)
				.where('joinCode', '=', code)
				.where('phase', 'not in', ['closed', 'abandoned'])
				.executeTakeFirst();
		},

		async findConversation(organisationId: string, conversationId: string): Promise<StoredJoinableConversation | undefined> {
			return db
				.selectFrom('conversations')
				.select(conversationColumns)
				.where('organisationId', '=', organisationId)
				.where('id', '=', conversationId)
				.executeTakeFirst();
		},

		async listParticipantParties(organisationId: string, conversationId: string): Promise<ParticipantParty[]> {
			const rows = await db
				.selectFrom('conversationParties as cp')
				.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
				.select(['cp.id as partyId', 'p.id as participantId', 'p.displayName', 'p.locale', 'cp.claimedAt'])
				.where('cp.organisationId', '=', organisationId)
				.where('cp.conversationId', '=', conversationId)
				.where('cp.kind', '=', 'participant')
				// Taken off the collaboration: no longer joins, nor is handed a device (removeParticipant).
				.where('p.removedAt', 'is', null)
				.execute();
			return rows.map(({ claimedAt, ...row }) => ({ ...row, claimed: claimedAt !== null }));
		},

		/** Claims the party only if nobody has: 1 when this call claimed it, 0 when it was taken. */
		async claimParty(organisationId: string, conversationId: string, partyId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('conversationParties')
				.set({ claimedAt: now })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', partyId)
				.where('kind', '=', 'participant')
				.where('claimedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		async releaseParty(organisationId: string, conversationId: string, partyId: string): Promise<void> {
			await db
				.updateTable('conversationParties')
				.set({ claimedAt: null })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', partyId)
				.execute();
		},

		async insertDeviceSession(input: {
			id: string;
			tokenHash: string;
			organisationId: string;
			conversationId: string;
			partyId: string;
			mode: DeviceMode;
			now: string;
			expiresAt: string;
			lockedStaffSessionId?: string | null;
			linkId?: string | null;
		}): Promise<void> {
			const { now, ...values } = input;
			await db
				.insertInto('deviceSessions')
				.values({ ...values, linkId: input.linkId ?? null, createdAt: now, revokedAt: null })
				.execute();
		},

		/** The session with what deciding on it needs: its conversation's phase and its participant. */
		async findDeviceSession(tokenHash: string): Promise<DeviceSessionRecord | undefined> {
			return (await findDeviceSessionStatement(db, { tokenHash })).rows[0];
		},

		/** Whether a hand-over still holds this staff session locked (until the professional authenticates again). */
		async isStaffSessionLocked(staffSessionId: string): Promise<boolean> {
			const row = await db
				.selectFrom('deviceSessions')
				.select('id')
				.where('lockedStaffSessionId', '=', staffSessionId)
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			return row !== undefined;
		},

		/** The newest hand-over still locking this staff session, found without any cookie of the device. */
		async findHandoverOfStaffSession(staffSessionId: string): Promise<DeviceSessionRecord | undefined> {
			return deviceSessions(db)
				.where('s.lockedStaffSessionId', '=', staffSessionId)
				.where('s.revokedAt', 'is', null)
				.orderBy('s.createdAt', 'desc')
				.limit(1)
				.executeTakeFirst();
		},

		/** Ends every hand-over that locks this staff session, found without any cookie of the device. */
		async revokeHandoversOfStaffSession(staffSessionId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('deviceSessions')
				.set({ revokedAt: now })
				.where('lockedStaffSessionId', '=', staffSessionId)
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		async revokeDeviceSession(organisationId: string, deviceSessionId: string, now: string): Promise<void> {
			await db
				.updateTable('deviceSessions')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('id', '=', deviceSessionId)
				.where('revokedAt', 'is', null)
				.execute();
		},

		/** The personal link a device session was let in with (or took on, adoptLink), if any. */
		async findLinkOfDeviceSession(organisationId: string, deviceSessionId: string): Promise<string | null> {
			const row = await db
				.selectFrom('deviceSessions')
				.select('linkId')
				.where('organisationId', '=', organisationId)
				.where('id', '=', deviceSessionId)
				.executeTakeFirst();
			return row?.linkId ?? null;
		},

		/** A device that joined with the code opened its party's link: the link is this device's now. */
		async adoptLink(organisationId: string, deviceSessionId: string, linkId: string): Promise<void> {
			await db
				.updateTable('deviceSessions')
				.set({ linkId })
				.where('organisationId', '=', organisationId)
				.where('id', '=', deviceSessionId)
				.where('linkId', 'is', null)
				.execute();
		},

		/** The personal links the party's own devices still hold (each opened it, or took it on after joining with the code). */
		async findLinksHeldByParty(organisationId: string, conversationId: string, partyId: string): Promise<string[]> {
			const rows = await db
				.selectFrom('deviceSessions')
				.select('linkId')
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.where('mode', '=', 'ownDevice')
				.where('revokedAt', 'is', null)
				.where('linkId', 'is not', null)
				.execute();
			return [...new Set(rows.map((row) => row.linkId!))];
		},

		/** Own-device sessions only: a hand-over session ends with the professional's re-authentication, never behind their back. */
		async revokeOwnDeviceSessionsOfParty(organisationId: string, conversationId: string, partyId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('deviceSessions')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.where('mode', '=', 'ownDevice')
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		/**
		 * A participant taken off the collaboration: every own device of theirs, in any conversation
		 * (a running one, or an ended one whose outcome it could still read), and every personal link
		 * not yet ended. A hand-over session stays: it is the professional's device and ends with their
		 * re-authentication, and it is not offered this participant again (listParticipantParties).
		 */
		async revokeAccessOfParticipant(
			organisationId: string,
			participantId: string,
			now: string
		): Promise<{ devices: number; links: number }> {
			const partiesOf = db
				.selectFrom('conversationParties')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('participantId', '=', participantId);
			const devices = await db
				.updateTable('deviceSessions')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('partyId', 'in', partiesOf)
				.where('mode', '=', 'ownDevice')
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			const links = await db
				.updateTable('participantLinks')
				.set({ revokedAt: now })
				.where('organisationId', '=', organisationId)
				.where('partyId', 'in', partiesOf)
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			return { devices: Number(devices.numUpdatedRows), links: Number(links.numUpdatedRows) };
		}
	};
}

export type ParticipationRepository = ReturnType<typeof createParticipationRepository>;
