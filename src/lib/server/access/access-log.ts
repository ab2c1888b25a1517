import type { Kysely } from 'kysely';
import { chunks } from '../db/chunks.ts';
import type { Database } from '../db/schema.ts';
import { auditRows, recordAudits, writeAuditRows, type AuditRow } from '../shared/audit.ts';
import { systemClock } from '../shared/clock.ts';
import type { OutcomeReaderActor, ParticipantActor, StaffActor } from './actor.ts';
import { PERMISSIONS, type Permission, type ResourceKind } from './permissions.ts';

/**
 * The access log (NEN 7513; docs/decisions/016-access-log.md): every view and change of a
 * client's data is an audit event `access.view` or `access.change` naming the collaboration, the
 * kind of data, the role the actor acted in and the client address. It is written where access
 * is decided (requireAccess, requireParty, requirePartyRule and readAsOwnParty, requireOwnOutcome),
 * so no usecase can read client data without leaving an entry. A change's entry
 * (requireAccessToChange, a party taken for a change, a device leaving) is written by the change,
 * in its own transaction, so a refused change leaves none.
 */

export type AccessAction = 'view' | 'change';
/** The kind of client data touched; the admin page and the client's copy translate it. */
export type AccessData = 'collaboration' | 'conversation' | 'report' | 'clientCopy' | 'insights' | 'handover' | 'erasure' | 'outcome';

export interface ClientDataAccess {
	action: AccessAction;
	data: AccessData;
}

/**
 * Which permissions reach a client's data, and how. Every permission must be classified (the
 * Record type makes a new one fail to compile until it is); null means it shows no client's data:
 * accounts, teams, settings, aggregates, trajectories of professionals, or lists of references and
 * dates only. A classified permission names collaborations through its resource, and
 * access.integration.test.ts checks each writes an entry for the collaboration it reaches.
 */
export const CLIENT_DATA_ACCESS: Record<Permission, ClientDataAccess | null> = {
	'account.manage': null,
	'organisation.view': null,
	'organisation.settings.update': null,
	'organisation.identity.manage': null,
	'staff.list': null,
	'staff.invite': null,
	'staff.manage': null,
	'team.create': null,
	'team.manage': null,
	'audit.view': null,
	'accessLog.view': null,
	'retention.view': null,
	'privacy.register.view': null,
	// References, reasons and dates of requests; asking and confirming are changes, logged below.
	'erasure.list': null,
	'erasure.review': null,
	'erasure.request': { action: 'change', data: 'erasure' },
	'erasure.confirm': { action: 'change', data: 'erasure' },
	'deck.manage': null,
	'wording.manage': null,
	// Creating: the new collaboration's creation event names it (collaborations.usecases.ts).
	'collaboration.create': null,
	// The list of one's own collaborations: each listed one is logged by listCollaborations (recordListAccess).
	'collaboration.list': null,
	'collaboration.view': { action: 'view', data: 'collaboration' },
	'collaboration.update': { action: 'change', data: 'collaboration' },
	'collaboration.clientCopy': { action: 'view', data: 'clientCopy' },
	'collaboration.handover': { action: 'change', data: 'handover' },
	'collaboration.handover.list': null,
	'conversation.start': { action: 'change', data: 'conversation' },
	'conversation.lead': { action: 'view', data: 'conversation' },
	'conversation.report': { action: 'view', data: 'report' },
	// A printed form carries the collaboration's label; typing in its answers changes the conversation.
	'conversation.paperForm': { action: 'view', data: 'conversation' },
	'conversation.paperEntry': { action: 'change', data: 'conversation' },
	'insights.collaboration.view': { action: 'view', data: 'insights' },
	'insights.caseload.view': null,
	'insights.dashboard.view': null,
	'insights.team.view': null,
	'insights.organisation.view': null,
	'trajectory.create': null,
	'trajectory.list': null,
	'trajectory.manage': null,
	'trajectory.report': null
};

/** What granting the permission does to a client's data, for the log: view, change, or nothing (null). */
export function accessActionOf(permission: Permission, purpose?: AccessAction): AccessAction | null {
	const access = CLIENT_DATA_ACCESS[permission];
	return access && namesCollaborations(PERMISSIONS[permission].resource) ? (purpose ?? access.action) : null;
}

/** Resources whose ids lead to exactly one collaboration each. */
const COLLABORATION_RESOURCES: readonly ResourceKind[] = [
	'collaboration',
	'organisationCollaboration',
	'handoverCollaboration',
	'conversation',
	'erasureRequest'
];

export function namesCollaborations(resource: ResourceKind | null): boolean {
	return resource !== null && COLLABORATION_RESOURCES.includes(resource);
}

/** The collaboration of each id of a resource (its own id for a collaboration). */
async function collaborationsOf(
	db: Kysely<Database>,
	organisationId: string,
	resource: ResourceKind,
	ids: readonly string[]
): Promise<Map<string, string>> {
	const table = resource === 'conversation' ? 'conversations' : resource === 'erasureRequest' ? 'erasureRequests' : null;
	if (table === null) return new Map(ids.map((id) => [id, id]));
	const found = new Map<string, string>();
	for (const part of chunks(ids)) {
		const rows = await db
			.selectFrom(table)
			.select(['id', 'collaborationId'])
			.where('organisationId', '=', organisationId)
			.where('id', 'in', part)
			.execute();
		for (const row of rows) found.set(row.id, row.collaborationId);
	}
	return found;
}

/** The staff role through which the permission was granted (the first the permission lists). */
function grantingRole(actor: StaffActor, permission: Permission): string {
	const allowed: readonly string[] = PERMISSIONS[permission].roles;
	return allowed.find((role) => actor.roles.includes(role as StaffActor['roles'][number])) ?? 'unknown';
}

/**
 * What a request has already logged. A page that calls several usecases reaches the same data
 * more than once (GET /c reads the participant's home, then the conversation; a staff page checks
 * the collaboration, then reads it), and the access log says who saw or changed what, not how many
 * reads it took: one entry per request, action, kind of data and id. Kept per actor object, which
 * hooks.server.ts makes anew for every request together with its request id; an actor without a
 * request id (the job runner, scripts, tests) is never deduplicated. Only an entry written outside
 * a transaction counts as logged, since one inside a transaction may still be rolled back.
 */
const loggedInRequest = new WeakMap<object, Set<string>>();

const entryKey = (action: string, data: AccessData, id: string) => `${action}|${data}|${id}`;

/** The ids this request has not logged yet for this action and kind of data. */
function notLoggedYet(actor: { requestId?: string | null }, action: string, data: AccessData, ids: readonly string[]): string[] {
	const logged = actor.requestId ? loggedInRequest.get(actor) : undefined;
	return logged ? ids.filter((id) => !logged.has(entryKey(action, data, id))) : [...ids];
}

function markLogged(db: Kysely<Database>, actor: { requestId?: string | null }, action: string, data: AccessData, ids: readonly string[]) {
	if (!actor.requestId || db.isTransaction) return;
	let logged = loggedInRequest.get(actor);
	if (!logged) loggedInRequest.set(actor, (logged = new Set()));
	for (const id of ids) logged.add(entryKey(action, data, id));
}

/**
 * How a door hands a change its access-log entry: the change writes it in its own transaction once
 * its work succeeded, with `also` — the change's own audit events, made into rows by auditRows —
 * after it in the same insert (one statement instead of two on every rating or answer). When the
 * entry is not due (a view logged at the door, a request that logged it already), `also` alone.
 */
export type LogAccess = (trx: Kysely<Database>, also?: readonly AuditRow[]) => Promise<void>;

/**
 * One entry per id of a client-data permission (once per request): written by requireAccess once
 * access is granted, and for a change by the change itself (requireAccessToChange's logAccess),
 * with `also` after it in the same insert (LogAccess).
 */
export async function logStaffAccess(
	db: Kysely<Database>,
	actor: StaffActor,
	permission: Permission,
	ids: readonly string[],
	purpose?: AccessAction,
	also: readonly AuditRow[] = []
): Promise<void> {
	const access = CLIENT_DATA_ACCESS[permission];
	const resource = PERMISSIONS[permission].resource;
	if (!access || !namesCollaborations(resource) || ids.length === 0) return writeAuditRows(db, also);
	const action = `access.${purpose ?? access.action}` as const;
	const fresh = notLoggedYet(actor, action, access.data, ids);
	if (fresh.length === 0) return writeAuditRows(db, also);
	const collaborations = await collaborationsOf(db, actor.organisationId, resource!, fresh);
	const entries = auditRows(
		systemClock,
		fresh.map((id) => ({
			actor,
			action,
			target: { type: access.data, id },
			collaborationId: collaborations.get(id),
			role: grantingRole(actor, permission),
			details: { permission }
		}))
	);
	// One insert for the entries and the change's own events beside them (StaffChange.logAccess).
	await writeAuditRows(db, [...entries, ...also]);
	markLogged(db, actor, action, access.data, fresh);
}

/** A usecase that lists collaborations with client data (names, labels) logs each one it shows (once per request). */
export async function recordListAccess(
	db: Kysely<Database>,
	actor: StaffActor,
	permission: Permission,
	collaborationIds: readonly string[]
) {
	const fresh = notLoggedYet(actor, 'access.view', 'collaboration', collaborationIds);
	if (fresh.length === 0) return;
	await recordAudits(
		db,
		systemClock,
		fresh.map((id) => ({
			actor,
			action: 'access.view',
			target: { type: 'collaboration', id },
			collaborationId: id,
			role: grantingRole(actor, permission),
			details: { permission }
		}))
	);
	markLogged(db, actor, 'access.view', 'collaboration', fresh);
}

/**
 * A participant's device (or a closed conversation's outcome reader) reaching its own conversation;
 * for a change, with `also` after it in the same insert (LogAccess).
 */
export async function logParticipantAccess(
	db: Kysely<Database>,
	actor: ParticipantActor | OutcomeReaderActor,
	action: AccessAction,
	data: AccessData,
	also: readonly AuditRow[] = []
): Promise<void> {
	if (notLoggedYet(actor, `access.${action}`, data, [actor.conversationId]).length === 0) return writeAuditRows(db, also);
	const entry = auditRows(systemClock, [
		{
			actor,
			action: `access.${action}`,
			target: { type: data, id: actor.conversationId },
			collaborationId: actor.collaborationId,
			role: 'participant',
			details: { mode: actor.type === 'participant' ? actor.mode : 'outcome' }
		}
	]);
	await writeAuditRows(db, [...entry, ...also]);
	markLogged(db, actor, `access.${action}`, data, [actor.conversationId]);
}
