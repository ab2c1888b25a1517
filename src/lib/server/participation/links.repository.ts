import type { Kysely } from 'kysely';
import type { ConversationPhase, Database, ClientLocale, Method } from '#lib/server/db/schema.ts';
import type { LinkPurpose } from './links.models.ts';

export interface LinkRecord {
	id: string;
	organisationId: string;
	conversationId: string;
	partyId: string;
	purpose: LinkPurpose;
	createdAt: string;
	expiresAt: string;
	sentAt: string | null;
	claimedAt: string | null;
	releasedAt: string | null;
	revokedAt: string | null;
	replacedBy: string | null;
}

/** A link found by its token, with what deciding on it needs. */
export interface LinkWithContext extends LinkRecord {
	phase: ConversationPhase;
	method: Method;
	collaborationId: string;
	conversationVersion: number;
	participantId: string;
	displayName: string;
	locale: ClientLocale;
}

/** The participant behind a party, as a link needs them: where to send it and in which language. */
export interface LinkParty {
	partyId: string;
	participantId: string;
	displayName: string;
	locale: ClientLocale;
	email: string | null;
}

const LINK_COLUMNS = [
	'l.id',
	'l.organisationId',
	'l.conversationId',
	'l.partyId',
	'l.purpose',
	'l.createdAt',
	'l.expiresAt',
	'l.sentAt',
	'l.claimedAt',
	'l.releasedAt',
	'l.revokedAt',
	'l.replacedBy'
] as const;

/** Personal links; every query is scoped by organisation and conversation, except the lookup by token hash. */
export function createLinksRepository(db: Kysely<Database>) {
	return {
		async insertLink(
			input: Omit<LinkRecord, 'sentAt' | 'claimedAt' | 'releasedAt' | 'revokedAt' | 'replacedBy'> & { tokenHash: string }
		): Promise<void> {
			await db
				.insertInto('participantLinks')
				.values({ ...input, sentAt: null, claimedAt: null, releasedAt: null, revokedAt: null, replacedBy: null })
				.execute();
		},

		async findByTokenHash(tokenHash: string): Promise<LinkWithContext | undefined> {
			return db
				.selectFrom('participantLinks as l')
				.innerJoin('conversations as c', (j) => j.onRef('c.organisationId', '=', 'l.organisationId').onRef('c.id', '=', 'l.conversationId'))
				.innerJoin('conversationParties as cp', (j) =>
					j
						.onRef('cp.organisationId', '=', 'l.organisationId')
						.onRef('cp.id', '=', 'l.partyId')
						.onRef('cp.conversationId', '=', 'l.conversationId')
				)
				.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
				.select([
					...LINK_COLUMNS,
					'c.phase',
					'c.method',
					'c.collaborationId',
					'c.version as conversationVersion',
					'p.id as participantId',
					'p.displayName',
					'p.locale'
				])
				.where('l.tokenHash', '=', tokenHash)
				.executeTakeFirst();
		},

		/**
		 * Claims the link only if it is still open at `now` (never opened, or released by the device
		 * that held it): 1 when this call claimed it, 0 otherwise. One update of the link's own row,
		 * so of two devices racing for a released link only one wins.
		 */
		async claimLink(organisationId: string, linkId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('participantLinks')
				.set({ claimedAt: now, releasedAt: null })
				.where('organisationId', '=', organisationId)
				.where('id', '=', linkId)
				.where((eb) => eb.or([eb('claimedAt', 'is', null), eb('releasedAt', 'is not', null)]))
				.where('revokedAt', 'is', null)
				.where('expiresAt', '>', now)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		/**
		 * The device that held the link stopped taking part: the link opens again, on this or another
		 * device. An ended link (revoked, replaced) stays ended; an expired one stays expired, as
		 * claimLink checks the end. `claimedAt` stays: the link was opened (reminders rely on it).
		 */
		async releaseLink(organisationId: string, conversationId: string, linkId: string, now: string): Promise<number> {
			const result = await db
				.updateTable('participantLinks')
				.set({ releasedAt: now })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', linkId)
				.where('claimedAt', 'is not', null)
				.where('releasedAt', 'is', null)
				.where('revokedAt', 'is', null)
				.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		/**
		 * Ends every link of one party for one purpose that still counts, opened or not (with
		 * `unopenedOnly`, only those nobody has opened yet); `replacedBy` names the new link when one
		 * replaces them. Returns how many ended.
		 */
		async endLinks(
			organisationId: string,
			conversationId: string,
			partyId: string,
			purpose: LinkPurpose,
			now: string,
			replacedBy: string | null,
			options: { unopenedOnly?: boolean } = {}
		): Promise<number> {
			let ending = db
				.updateTable('participantLinks')
				.set({ revokedAt: now, replacedBy })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.where('purpose', '=', purpose)
				.where('revokedAt', 'is', null);
			if (options.unopenedOnly) ending = ending.where('claimedAt', 'is', null);
			const result = await ending.executeTakeFirst();
			return Number(result.numUpdatedRows);
		},

		/**
		 * What stops a reminder from making a new link: 'opened' when a link of this party and purpose
		 * was ever opened, 'revoked' when the professional took one back without a new one; else null.
		 */
		async findReminderBlock(
			organisationId: string,
			conversationId: string,
			partyId: string,
			purpose: LinkPurpose
		): Promise<'opened' | 'revoked' | null> {
			const rows = await db
				.selectFrom('participantLinks')
				.select(['claimedAt', 'revokedAt', 'replacedBy'])
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('partyId', '=', partyId)
				.where('purpose', '=', purpose)
				.where((eb) => eb.or([eb('claimedAt', 'is not', null), eb.and([eb('revokedAt', 'is not', null), eb('replacedBy', 'is', null)])]))
				.execute();
			if (rows.some((row) => row.claimedAt !== null)) return 'opened';
			return rows.length > 0 ? 'revoked' : null;
		},

		/** A link by id, for telling a device why its link stopped working. */
		async findLink(organisationId: string, linkId: string): Promise<LinkRecord | undefined> {
			return db
				.selectFrom('participantLinks as l')
				.select(LINK_COLUMNS)
				.where('l.organisationId', '=', organisationId)
				.where('l.id', '=', linkId)
				.executeTakeFirst();
		},

		async markSent(organisationId: string, conversationId: string, linkId: string, now: string): Promise<void> {
			await db
				.updateTable('participantLinks')
				.set({ sentAt: now })
				.where('organisationId', '=', organisationId)
				.where('conversationId', '=', conversationId)
				.where('id', '=', linkId)
				.execute();
		},

		/** Oldest first; the id breaks ties so both databases list the same order. */
		async listLinks(organisationId: string, conversationId: string): Promise<LinkRecord[]> {
			return db
				.selectFrom('participantLinks as l')
				.select(LINK_COLUMNS)
				.where('l.organisationId', '=', organisationId)
				.where('l.conversationId', '=', conversationId)
				.orderBy('l.createdAt')
				.orderBy('l.id')
				.execute();
		},

		/** A learning conversation's planned day; undefined when the conversation is not found. */
		async findScheduledOn(organisationId: string, conversationId: string): Promise<string | null | undefined> {
			const row = await db
				.selectFrom('conversations')
				.select('scheduledOn')
				.where('organisationId', '=', organisationId)
				.where('id', '=', conversationId)
				.executeTakeFirst();
			return row?.scheduledOn;
		},

		/**
		 * A participant's party a link can be made for; none once the participant was taken off the
		 * collaboration (decision 010): no link is made, sent or listed for them any more.
		 */
		async findParty(organisationId: string, conversationId: string, partyId: string): Promise<LinkParty | undefined> {
			return db
				.selectFrom('conversationParties as cp')
				.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
				.select(['cp.id as partyId', 'p.id as participantId', 'p.displayName', 'p.locale', 'p.email'])
				.where('cp.organisationId', '=', organisationId)
				.where('cp.conversationId', '=', conversationId)
				.where('cp.id', '=', partyId)
				.where('cp.kind', '=', 'participant')
				.where('p.removedAt', 'is', null)
				.executeTakeFirst();
		},

		/** The parties of `findParty`: participants still taking part. */
		async listParties(organisationId: string, conversationId: string): Promise<LinkParty[]> {
			return db
				.selectFrom('conversationParties as cp')
				.innerJoin('participants as p', (j) => j.onRef('p.organisationId', '=', 'cp.organisationId').onRef('p.id', '=', 'cp.participantId'))
				.select(['cp.id as partyId', 'p.id as participantId', 'p.displayName', 'p.locale', 'p.email'])
				.where('cp.organisationId', '=', organisationId)
				.where('cp.conversationId', '=', conversationId)
				.where('cp.kind', '=', 'participant')
				.where('p.removedAt', 'is', null)
				.execute();
		}
	};
}

export type LinksRepository = ReturnType<typeof createLinksRepository>;
