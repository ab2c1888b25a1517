import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { domainError } from '../shared/errors.ts';
import type { Actor, StaffActor } from './actor.ts';
import { PERMISSIONS, rolesGrant, type Permission, type ResourceKind } from './permissions.ts';

/**
 * The one place that decides who may touch what. The first line of every usecase:
 * `const staff = await requireAccess({ db, actor, permission, ids })`.
 * Not allowed and not found both answer 404, so ids of other organisations leak nothing.
 */
export async function requireAccess(input: {
	db: Kysely<Database>;
	actor: Actor;
	permission: Permission;
	ids?: readonly string[];
}): Promise<StaffActor> {
	const { db, actor, permission } = input;
	if (actor.type !== 'staff' || !rolesGrant(actor.roles, permission)) throw domainError('not_found');
	const resource = PERMISSIONS[permission].resource;
	const ids = [...new Set(input.ids ?? [])];
	if (resource === null) return actor;
	if (ids.length === 0) throw domainError('not_found');
	const reachable = await findReachableIds(db, actor, resource, ids);
	if (reachable.size !== ids.length) throw domainError('not_found');
	return actor;
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
		case 'team': {
			const rows = await db
				.selectFrom('teams')
				.select('id')
				.where('organisationId', '=', actor.organisationId)
				.where('id', 'in', ids)
				.execute();
			return new Set(rows.map((r) => r.id));
		}
	}
}
