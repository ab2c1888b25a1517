import { requireAccess, requireAccessToChange } from '../access/access.ts';
import { accessActionOf } from '../access/access-log.ts';
import type { Permission } from '../access/permissions.ts';

/**
 * The door a usecase takes for a permission, for tests that try every permission: a permission
 * that changes a client's data passes requireAccessToChange (its access entry is written with the
 * change), every other requireAccess. Both apply the same rule.
 */
export function doorFor(permission: Permission): typeof requireAccess | typeof requireAccessToChange {
	return accessActionOf(permission) === 'change' ? requireAccessToChange : requireAccess;
}
