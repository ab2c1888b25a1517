import type { Kysely } from 'kysely';
import { dialectOf, lockedOnPostgres } from '../db/dialect-of.ts';
import type { Database } from '../db/schema.ts';
import { reusableStatement } from '../db/reusable.ts';
import { domainError } from '../shared/errors.ts';
import { logParticipantAccess, type AccessAction, type LogAccess } from './access-log.ts';
import { loggedAtTheDoor, requireLead } from './access.ts';
import type { Actor, ParticipantActor } from './actor.ts';

/**
 * The doors of those who take part themselves: a participant's device and the professional leading
 * the conversation (through their party), a phone that reads its outcome after the close, and a
 * trajectory's participant. A member of staff's permissions: access.ts.
 */

export interface PartyAccess {
	partyId: string;
	kind: 'participant' | 'professional';
	organisationId: string;
	/**
	 * For a change (purpose 'change'): writes the access-log entry (a participant's, or a leading
	 * professional's) in the change's own transaction, once the change succeeded. A refused change
	 * showed and changed nothing, so it leaves no entry, and the entry commits with the change
	 * instead of in a commit of its own. A view was logged at the door: then this does nothing.
	 */
	logAccess: LogAccess;
}

/**
 * The party through which the actor takes part in a conversation: a participant's device
 * reaches only the party it is bound to; a professional who may lead the conversation
 * (conversation.lead) reaches their own professional party. Anything else is not found.
 */
export async function requireParty(input: {
	db: Kysely<Database>;
	actor: Actor;
	conversationId: string;
	/** What the caller does with it, for the access log. */
	purpose: AccessAction;
}): Promise<PartyAccess> {
	const { db, actor, conversationId } = input;
	let staffLog: PartyAccess['logAccess'] = loggedAtTheDoor;
	let query = db.selectFrom('conversationParties').select(['id', 'kind', 'organisationId']).where('conversationId', '=', conversationId);
	if (actor.type === 'participant') {
		if (actor.conversationId !== conversationId) throw domainError('not_found');
		query = query.where('organisationId', '=', actor.organisationId).where('id', '=', actor.partyId).where('kind', '=', 'participant');
	} else {
		const lead = await requireLead(db, actor, conversationId, input.purpose);
		staffLog = lead.logAccess;
		query = query
			.where('organisationId', '=', lead.staff.organisationId)
			.where('userId', '=', lead.staff.userId)
			.where('kind', '=', 'professional');
	}
	const party = await query.executeTakeFirst();
	if (!party) throw domainError('not_found');
	let logAccess: PartyAccess['logAccess'] = staffLog;
	if (actor.type === 'participant') {
		if (input.purpose === 'change') logAccess = (trx, also) => logParticipantAccess(trx, actor, 'change', 'conversation', also);
		else await logParticipantAccess(db, actor, input.purpose, 'conversation');
	}
	return { partyId: party.id, kind: party.kind, organisationId: party.organisationId, logAccess };
}

/**
 * Inside a change of a running conversation, right after its lock (conversations.change.ts, both
 * runners): the actor's right read again, so one that ended after the door let the request in (a
 * co-professional removed from the collaboration, a holder who handed it over, a participant removed
 * or erased, a device that left) changes nothing and is refused as the door refuses: not found. A
 * professional must still be one of the collaboration's professionals (conversation.lead); a
 * participant's device session must still be there and not revoked (removal signs out the
 * participant's own devices, erasure deletes them). On PostgreSQL the rows are locked for share, so
 * a removal, handover or sign-out in flight is waited for and then read; one that comes later waits
 * for the change, which then came first. A professional's collaboration is locked for key share
 * first: a handover locks it for update and then deletes the holder's row, and the change may insert
 * a row naming the collaboration (an agreement), so taking it first keeps the two from waiting on
 * each other; key share does not wait for a close (which updates the row without its key), whose
 * order is the collaboration and then each conversation. SQLite has one writer: its transaction
 * reads the latest. A staff member's membership is read again by the change's `logAccess`
 * (requireStillActive).
 */
export async function requireStillTakingPart(
	trx: Kysely<Database>,
	actor: Actor,
	conversation: { organisationId: string; collaborationId: string; id: string }
): Promise<void> {
	const dialect = dialectOf(trx);
	const { organisationId, collaborationId } = conversation;
	if (actor.type === 'staff') {
		if (actor.organisationId !== organisationId) throw domainError('not_found');
		if (dialect === 'postgres') {
			await trx
				.selectFrom('collaborations')
				.select('id')
				.where('organisationId', '=', organisationId)
				.where('id', '=', collaborationId)
				.forKeyShare()
				.execute();
		}
		const query = trx
			.selectFrom('collaborationProfessionals')
			.select('userId')
			.where('organisationId', '=', organisationId)
			.where('collaborationId', '=', collaborationId)
			.where('userId', '=', actor.userId);
		if (!(await lockedOnPostgres(query, dialect, 'share').executeTakeFirst())) throw domainError('not_found');
		return;
	}
	if (actor.type !== 'participant' || actor.organisationId !== organisationId || actor.conversationId !== conversation.id)
		throw domainError('not_found');
	const session = await stillSignedInStatement(trx, {
		organisationId,
		conversationId: conversation.id,
		deviceSessionId: actor.deviceSessionId,
		partyId: actor.partyId
	});
	if (session.rows.length === 0) throw domainError('not_found');
}

/** A participant's device session, unrevoked, bound to its party (locked for share on PostgreSQL): on every rating, built once. */
const stillSignedInStatement = reusableStatement(
	(db: Kysely<Database>, values: { organisationId: string; conversationId: string; deviceSessionId: string; partyId: string }) => {
		const query = db
			.selectFrom('deviceSessions')
			.select('id')
			.where('organisationId', '=', values.organisationId)
			.where('id', '=', values.deviceSessionId)
			.where('conversationId', '=', values.conversationId)
			.where('partyId', '=', values.partyId)
			.where('revokedAt', 'is', null);
		return lockedOnPostgres(query, dialectOf(db), 'share');
	}
);

/** requireParty's answer, for a change that reads the conversation's parties under its lock anyway. */
export interface PartyRule {
	kind: 'participant' | 'professional';
	organisationId: string;
	/** True for the party through which the actor takes part (the same party requireParty finds). */
	isOwn(party: { id: string; kind: string; userId: string | null }): boolean;
	/**
	 * Writes the actor's access-log entry in the change's own transaction, once the change
	 * succeeded (changeAsParty): a refused change showed and changed nothing, so it leaves no entry,
	 * and the entry commits with the change instead of in a commit of its own. For a view, a
	 * professional's entry was written by requireAccess at the door.
	 */
	logAccess: LogAccess;
}

/**
 * requireParty's rule without its query: the change finds the actor's party with `isOwn` in the
 * parties it lists inside its transaction, after locking the conversation, and answers not found
 * when there is none (conversations.change.ts, changeAsParty). A participant's device costs nothing
 * here; a professional still needs conversation.lead. Either's access-log entry of a change is
 * written with the change (`logAccess`).
 */
export async function requirePartyRule(input: {
	db: Kysely<Database>;
	actor: Actor;
	conversationId: string;
	purpose: AccessAction;
}): Promise<PartyRule> {
	const { db, actor, conversationId } = input;
	if (actor.type === 'participant') {
		if (actor.conversationId !== conversationId) throw domainError('not_found');
		const partyId = actor.partyId;
		return {
			kind: 'participant',
			organisationId: actor.organisationId,
			isOwn: (party) => party.id === partyId && party.kind === 'participant',
			logAccess: (trx, also) => logParticipantAccess(trx, actor, input.purpose, 'conversation', also)
		};
	}
	const { staff, logAccess } = await requireLead(db, actor, conversationId, input.purpose);
	const userId = staff.userId;
	return {
		kind: 'professional',
		organisationId: staff.organisationId,
		isOwn: (party) => party.userId === userId && party.kind === 'professional',
		logAccess
	};
}

/** A party as requirePartyRule's `isOwn` compares it with the actor. */
type PartyToCompare = { id: string; kind: string; userId: string | null };

/**
 * The one door of a participant's device to its own conversation, for a page that reads the
 * conversation and its parties anyway (/c, /c/feedback, /c/preparation): requirePartyRule's rule
 * (its own conversation only; anyone else, staff included, is not found), then its own party found
 * with `isOwn` among the parties `read` returns, instead of a query of its own (requireParty). No
 * conversation (`read` gives undefined) or no own party among them is not found. The access-log
 * entry is written once the device is known to reach the conversation.
 */
export async function readAsOwnParty<Read extends { parties: readonly PartyToCompare[] }>(input: {
	db: Kysely<Database>;
	actor: Actor;
	conversationId: string;
	/** The conversation and its parties, in the device's organisation; undefined when there is no such conversation. */
	read: (organisationId: string, participant: ParticipantActor) => Promise<Read | undefined>;
}): Promise<{ participant: ParticipantActor; basis: Read; own: Read['parties'][number] }> {
	const { db, actor, conversationId } = input;
	if (actor.type !== 'participant') throw domainError('not_found');
	const rule = await requirePartyRule({ db, actor, conversationId, purpose: 'view' });
	const basis = await input.read(rule.organisationId, actor);
	const own = basis?.parties.find((party) => rule.isOwn(party));
	if (!basis || !own) throw domainError('not_found');
	await rule.logAccess(db);
	return { participant: actor, basis, own };
}

export interface TrajectoryParticipation {
	participantId: string;
	trajectoryId: string;
	/** The trajectory's organisation, which may differ from the actor's own. */
	organisationId: string;
	userId: string;
}

/**
 * The participation through which a signed-in person takes part in a trajectory: a staff member
 * of any organisation or a guest (an invited professional from outside) reaches only the
 * trajectories they were added to, by their own account. Anything else is not found.
 */
export async function requireTrajectoryParticipant(input: {
	db: Kysely<Database>;
	actor: Actor;
	trajectoryId: string;
}): Promise<TrajectoryParticipation> {
	const { db, actor, trajectoryId } = input;
	if (actor.type !== 'staff' && actor.type !== 'guest') throw domainError('not_found');
	const row = await db
		.selectFrom('trajectoryParticipants')
		.select(['id', 'organisationId', 'trajectoryId'])
		.where('trajectoryId', '=', trajectoryId)
		.where('userId', '=', actor.userId)
		.executeTakeFirst();
	if (!row) throw domainError('not_found');
	return { participantId: row.id, trajectoryId: row.trajectoryId, organisationId: row.organisationId, userId: actor.userId };
}

export interface OutcomeAccess {
	organisationId: string;
	conversationId: string;
	partyId: string;
	participantId: string;
}

/**
 * The one door to a participant's outcome after the close: only an own phone that took part as
 * this party (an outcome reader, see participation canReadOutcome), only its own closed
 * conversation, only that party. Staff, a running participant's device and everyone else: not found.
 */
export async function requireOwnOutcome(input: { db: Kysely<Database>; actor: Actor; conversationId?: string }): Promise<OutcomeAccess> {
	const { db, actor } = input;
	if (actor.type !== 'outcomeReader') throw domainError('not_found');
	if (input.conversationId !== undefined && input.conversationId !== actor.conversationId) throw domainError('not_found');
	const party = await db
		.selectFrom('conversationParties as cp')
		.innerJoin('conversations as c', (join) =>
			join.onRef('c.organisationId', '=', 'cp.organisationId').onRef('c.id', '=', 'cp.conversationId')
		)
		.select(['cp.id', 'cp.participantId'])
		.where('cp.organisationId', '=', actor.organisationId)
		.where('cp.conversationId', '=', actor.conversationId)
		.where('cp.id', '=', actor.partyId)
		.where('cp.kind', '=', 'participant')
		.where('c.phase', '=', 'closed')
		.executeTakeFirst();
	if (!party || party.participantId !== actor.participantId) throw domainError('not_found');
	await logParticipantAccess(db, actor, 'view', 'outcome');
	return {
		organisationId: actor.organisationId,
		conversationId: actor.conversationId,
		partyId: party.id,
		participantId: actor.participantId
	};
}
