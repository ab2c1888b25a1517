import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { domainError } from '../shared/errors.ts';
import { accessActionOf, logParticipantAccess, logStaffAccess, type AccessAction } from './access-log.ts';
import type { Actor, ParticipantActor, StaffActor } from './actor.ts';
import { PERMISSIONS, rolesGrant, type Permission, type ResourceKind } from './permissions.ts';

/**
 * The one place that decides who may touch what. The first line of every usecase that reads:
 * `const staff = await requireAccess({ db, actor, permission, ids })`; of every usecase that
 * changes a client's data: requireAccessToChange.
 * Not allowed and not found both answer 404, so ids of other organisations leak nothing.
 */
export async function requireAccess(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids?: readonly string[];
	/**
	 * For the access log: 'view' when a permission that changes client data is only checked for a
	 * read (the candidates to add to a collaboration), or for one that serves both (conversation.lead).
	 */
	purpose?: 'view';
}): Promise<StaffActor> {
	const { db, permission } = input;
	if (accessActionOf(permission, input.purpose) === 'change') {
		// A programming error, not a refusal: a change's entry is written with the change.
		throw new Error(`${permission} changes client data: take it with requireAccessToChange, which logs the access with the change`);
	}
	const { staff, ids } = await grant(input);
	// Granted: a permission that reaches a client's data leaves an access-log entry per id.
	await logStaffAccess(db, staff, permission, ids, input.purpose);
	return staff;
}

/** requireAccessToChange's answer: who the actor is, and the access-log entry to write with the change. */
export interface StaffChange {
	staff: StaffActor;
	/**
	 * Writes the access-log entries (access.change, one per id) in the change's own transaction,
	 * once its work succeeded (docs/decisions/016-access-log.md): a refused change (a closed
	 * collaboration, the last participant, a request already decided) changed nothing, so it leaves
	 * no entry, as a participant's refused change does (PartyAccess.logAccess).
	 */
	logAccess(trx: Kysely<Database>): Promise<void>;
}

/**
 * The door of a staff change: the same rule as requireAccess, but the access-log entry is not
 * written here. The usecase writes it with its change (`logAccess(trx)`), so that it rolls back
 * with a change that is refused or fails.
 */
export async function requireAccessToChange(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids?: readonly string[];
}): Promise<StaffChange> {
	if (accessActionOf(input.permission, 'change') === null) {
		// A permission that reaches no client's data has nothing to log as a change: requireAccess.
		throw new Error(`${input.permission} reaches no client's data: take it with requireAccess`);
	}
	const { staff, ids } = await grant(input);
	return { staff, logAccess: (trx) => logStaffAccess(trx, staff, input.permission, ids, 'change') };
}

/** The rule of both doors: the role grants the permission, and every id lies within the actor's reach. */
async function grant(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids?: readonly string[];
}): Promise<{ staff: StaffActor; ids: string[] }> {
	const { db, actor, permission } = input;
	if (actor.type !== 'staff' || !rolesGrant(actor.roles, permission)) throw domainError('not_found');
	const resource = PERMISSIONS[permission].resource;
	const ids = [...new Set(input.ids ?? [])];
	if (resource === null) return { staff: actor, ids: [] };
	if (ids.length === 0) throw domainError('not_found');
	const reachable = await findReachableIds(db, actor, resource, ids);
	if (reachable.size !== ids.length) throw domainError('not_found');
	return { staff: actor, ids };
}

/**
 * Which of `ids` the actor may touch through a resource permission: the same rule requireAccess
 * applies to one id, for a list (in chunks, one query each). Without the permission: none.
 */
export async function filterAccessible(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids: readonly string[];
}): Promise<Set<string>> {
	const { db, actor, permission } = input;
	const resource = PERMISSIONS[permission].resource;
	if (actor.type !== 'staff' || !rolesGrant(actor.roles, permission) || resource === null) return new Set();
	const ids = [...new Set(input.ids)];
	const reachable = new Set<string>();
	for (let i = 0; i < ids.length; i += 500) {
		for (const id of await findReachableIds(db, actor, resource, ids.slice(i, i + 500))) reachable.add(id);
	}
	return reachable;
}

/** Which of `ids` lie inside the actor's organisation. */
async function findReachableIds(db: Kysely<Database>, actor: StaffActor, resource: ResourceKind, ids: string[]): Promise<Set<string>> {
	switch (resource) {
		case 'user': {
			const rows = await db
				.selectFrom('memberships')
				.select('userId as id')
				.where('organisationId', '=', actor.organisationId)
				.where('userId', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'collaboration': {
			// Reachable for the professionals who hold or co-hold it, in the actor's organisation.
			const rows = await db
				.selectFrom('collaborationProfessionals')
				.select('collaborationId as id')
				.where('organisationId', '=', actor.organisationId)
				.where('userId', '=', actor.userId)
				.where('collaborationId', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'organisationCollaboration': {
			// Any collaboration of the organisation, by its reference (erasure on request).
			const rows = await db
				.selectFrom('collaborations')
				.select('id')
				.where('organisationId', '=', actor.organisationId)
				.where('id', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'handoverCollaboration':
			return findHandoverableCollaborations(db, actor, ids);
		case 'erasureRequest':
			return findConfirmableErasureRequests(db, actor, ids);
		case 'conversation': {
			// Reachable for the professionals who hold or co-hold the conversation's collaboration.
			const rows = await db
				.selectFrom('conversations as c')
				.innerJoin('collaborationProfessionals as cp', (join) =>
					join.onRef('cp.organisationId', '=', 'c.organisationId').onRef('cp.collaborationId', '=', 'c.collaborationId')
				)
				.select('c.id')
				.where('c.organisationId', '=', actor.organisationId)
				.where('cp.userId', '=', actor.userId)
				.where('c.id', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'trajectory': {
			// Every coordinator of the organisation runs its trajectories together.
			const rows = await db
				.selectFrom('trajectories')
				.select('id')
				.where('organisationId', '=', actor.organisationId)
				.where('id', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'team': {
			const rows = await db
				.selectFrom('teams')
				.select('id')
				.where('organisationId', '=', actor.organisationId)
				.where('id', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
		case 'ledTeam': {
			// An admin reaches every team of the organisation; a team lead only the teams they lead.
			if (actor.roles.includes('admin')) return findReachableIds(db, actor, 'team', ids);
			const rows = await db
				.selectFrom('teamMembers')
				.select('teamId as id')
				.where('organisationId', '=', actor.organisationId)
				.where('userId', '=', actor.userId)
				.where('role', '=', 'lead')
				.where('teamId', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
	}
}

/**
 * Collaborations the actor may hand over: an admin any of the organisation; a team lead those
 * whose holder is in a team they lead; a professional those they hold (not co-hold).
 */
async function findHandoverableCollaborations(db: Kysely<Database>, actor: StaffActor, ids: string[]): Promise<Set<string>> {
	if (actor.roles.includes('admin')) return findReachableIds(db, actor, 'organisationCollaboration', ids);
	const rows = await db
		.selectFrom('collaborationProfessionals as cp')
		.select('cp.collaborationId as id')
		.where('cp.organisationId', '=', actor.organisationId)
		.where('cp.role', '=', 'holder')
		.where('cp.collaborationId', 'in', ids)
		.where((eb) => {
			const ways = [];
			if (actor.roles.includes('professional')) ways.push(eb('cp.userId', '=', actor.userId));
			if (actor.roles.includes('teamLead')) {
				ways.push(
					eb.exists(
						eb
							.selectFrom('teamMembers as member')
							.innerJoin('teamMembers as lead', (join) =>
								join.onRef('lead.organisationId', '=', 'member.organisationId').onRef('lead.teamId', '=', 'member.teamId')
							)
							.select('member.userId')
							.whereRef('member.organisationId', '=', 'cp.organisationId')
							.whereRef('member.userId', '=', 'cp.userId')
							.where('lead.userId', '=', actor.userId)
							.where('lead.role', '=', 'lead')
					)
				);
			}
			return eb.or(ways);
		})
		.execute();
	return new Set(rows.map((r) => r.id));
}

/**
 * Pending erasure requests the actor may confirm: as the organisation chose, another admin than
 * the one who asked, or the professional who holds the collaboration. Never one's own request.
 */
async function findConfirmableErasureRequests(db: Kysely<Database>, actor: StaffActor, ids: string[]): Promise<Set<string>> {
	const isAdmin = actor.roles.includes('admin');
	const rows = await db
		.selectFrom('erasureRequests as r')
		.innerJoin('organisations as o', 'o.id', 'r.organisationId')
		.leftJoin('collaborationProfessionals as cp', (join) =>
			join
				.onRef('cp.organisationId', '=', 'r.organisationId')
				.onRef('cp.collaborationId', '=', 'r.collaborationId')
				.on('cp.role', '=', 'holder')
		)
		.select(['r.id', 'o.erasureConfirmation', 'r.requestedBy', 'cp.userId as holderId'])
		.where('r.organisationId', '=', actor.organisationId)
		.where('r.status', '=', 'pending')
		.where('r.id', 'in', ids)
		.execute();
	const allowed = rows.filter((r) => {
		if (r.requestedBy === actor.userId) return false;
		if (r.erasureConfirmation === 'holder') return r.holderId === actor.userId && actor.roles.includes('professional');
		return isAdmin;
	});
	return new Set(allowed.map((r) => r.id));
}

const NOTHING_TO_LOG = async () => undefined;

/**
 * A professional who may lead the conversation (conversation.lead), for a change of it: the change
 * writes the access entry (`logAccess`), as every conversation runner does (changeConversation).
 */
export function requireLeadToChange(db: Kysely<Database>, actor: Actor, conversationId: string): Promise<StaffChange> {
	return requireAccessToChange({ db, actor, permission: 'conversation.lead', ids: [conversationId] });
}

/** A professional leading a conversation: a view is logged here, a change by the change (`logAccess`). */
async function leadConversation(db: Kysely<Database>, actor: Actor, conversationId: string, purpose: AccessAction): Promise<StaffChange> {
	if (purpose === 'change') return requireLeadToChange(db, actor, conversationId);
	const ids = [conversationId];
	return { staff: await requireAccess({ db, actor, permission: 'conversation.lead', ids, purpose }), logAccess: NOTHING_TO_LOG };
}

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
	logAccess(trx: Kysely<Database>): Promise<void>;
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
	let staffLog: PartyAccess['logAccess'] = NOTHING_TO_LOG;
	let query = db.selectFrom('conversationParties').select(['id', 'kind', 'organisationId']).where('conversationId', '=', conversationId);
	if (actor.type === 'participant') {
		if (actor.conversationId !== conversationId) throw domainError('not_found');
		query = query.where('organisationId', '=', actor.organisationId).where('id', '=', actor.partyId).where('kind', '=', 'participant');
	} else {
		const lead = await leadConversation(db, actor, conversationId, input.purpose);
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
		if (input.purpose === 'change') logAccess = (trx) => logParticipantAccess(trx, actor, 'change', 'conversation');
		else await logParticipantAccess(db, actor, input.purpose, 'conversation');
	}
	return { partyId: party.id, kind: party.kind, organisationId: party.organisationId, logAccess };
}

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
	logAccess(trx: Kysely<Database>): Promise<void>;
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
			logAccess: (trx) => logParticipantAccess(trx, actor, input.purpose, 'conversation')
		};
	}
	const { staff, logAccess } = await leadConversation(db, actor, conversationId, input.purpose);
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
