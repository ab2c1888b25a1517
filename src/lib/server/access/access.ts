import type { Kysely, Transaction } from 'kysely';
import { dialectOf, lockedOnPostgres } from '../db/dialect-of.ts';
import type { Database } from '../db/schema.ts';
import { domainError } from '../shared/errors.ts';
import { accessActionOf, logStaffAccess, type AccessAction, type LogAccess } from './access-log.ts';
import { writeAuditRows } from '../shared/audit.ts';
import type { Actor, StaffActor } from './actor.ts';
import { PERMISSIONS, rolesGrant, type Permission, type ResourceKind } from './permissions.ts';

/**
 * With party-doors.ts (a participant's device), the one place that decides who may touch what:
 * the doors of staff. The first line of every usecase that reads:
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
	logAccess: LogAccess;
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
	return {
		staff,
		logAccess: async (trx, also) => {
			await requireStillActive(trx, staff);
			await logStaffAccess(trx, staff, input.permission, ids, 'change', also);
		}
	};
}

/** requireAccessToWrite's answer: who the actor is, and the transaction their write runs in. */
export interface StaffWrite {
	staff: StaffActor;
	/**
	 * Runs the write in a transaction (the caller's own when `db` was one) that first reads the
	 * actor's membership again (requireStillActive): a write whose request came in before an admin
	 * deactivated them is refused (not found) and changes nothing.
	 */
	write<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/**
 * The door of a staff write that reaches no client's data (settings, teams, decks, wordings,
 * instruments, accounts, trajectory management, a new collaboration): requireAccess's rule, and the
 * write runs through `write`, which reads the membership again inside its transaction, as
 * requireAccessToChange's `logAccess` does for a change of a client's data. A permission that
 * reaches a client's data takes requireAccessToChange.
 */
export async function requireAccessToWrite(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids?: readonly string[];
}): Promise<StaffWrite> {
	if (accessActionOf(input.permission) !== null) {
		// A programming error: a write of a client's data is a change, logged with it.
		throw new Error(`${input.permission} reaches a client's data: take it with requireAccessToChange`);
	}
	const { db } = input;
	const staff = await requireAccess(input);
	const run = async <T>(trx: Transaction<Database>, work: (trx: Transaction<Database>) => Promise<T>) => {
		await requireStillActive(trx, staff);
		return work(trx);
	};
	return {
		staff,
		write: (work) => (db.isTransaction ? run(db as Transaction<Database>, work) : db.transaction().execute((trx) => run(trx, work)))
	};
}

/**
 * Inside a staff member's write: their membership read again, so a write whose request was
 * authenticated before an admin deactivated (or deleted) them and that reaches its transaction
 * after is refused (not found, as to anyone outside the organisation) and changes nothing. On
 * PostgreSQL the row is locked for share: a deactivation in flight (it updates the row) is waited
 * for and then read, and one that comes later waits for the write, which then came first. SQLite has
 * one writer: its transaction reads the latest. Every change of a client's data takes it through
 * requireAccessToChange's `logAccess`; every other staff write through requireAccessToWrite's
 * `write`; an invitation through createInvitation.
 */
export async function requireStillActive(trx: Kysely<Database>, staff: StaffActor): Promise<void> {
	const query = trx
		.selectFrom('memberships')
		.select('status')
		.where('organisationId', '=', staff.organisationId)
		.where('userId', '=', staff.userId);
	const membership = await lockedOnPostgres(query, dialectOf(trx), 'share').executeTakeFirst();
	if (membership?.status !== 'active') throw domainError('not_found');
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

/**
 * A professional who may lead the conversation (conversation.lead), for a change of it: the change
 * writes the access entry (`logAccess`), as every conversation runner does (changeConversation).
 */
export function requireLeadToChange(db: Kysely<Database>, actor: Actor, conversationId: string): Promise<StaffChange> {
	return requireAccessToChange({ db, actor, permission: 'conversation.lead', ids: [conversationId] });
}

/** A door's `logAccess` when the door wrote the entry itself (a view): only the change's own events are left to write. */
export const loggedAtTheDoor: LogAccess = (trx, also = []) => writeAuditRows(trx, also);

/**
 * A professional who may lead the conversation, for what the caller says it does: a view is
 * logged here, a change by the change (`logAccess`, requireLeadToChange).
 */
export async function requireLead(db: Kysely<Database>, actor: Actor, conversationId: string, purpose: AccessAction): Promise<StaffChange> {
	if (purpose === 'change') return requireLeadToChange(db, actor, conversationId);
	return {
		staff: await requireAccess({ db, actor, permission: 'conversation.lead', ids: [conversationId], purpose }),
		logAccess: loggedAtTheDoor
	};
}
