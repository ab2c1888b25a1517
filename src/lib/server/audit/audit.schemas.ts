import * as v from 'valibot';
import { isAuditAction } from '#lib/audit-actions.ts';
import { isCalendarDate } from '../collaborations/collaborations.models.ts';
import { hasControlCharacters } from '../shared/validation.ts';

/** Longer than any id, date or action code: a longer value is a hand-made address, refused before it is checked further. */
const SEARCH_FIELD_MAX_LENGTH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The paging cursor: an event time as the app writes it (Date.toISOString()), lower-cased by searchField. */
const CURSOR = /^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}:\d{2}\.\d{3}z$/;

/**
 * One field of a log search (a GET form, so anyone can edit the address): empty does not filter.
 * The first problem found is the message: a control character, then a value far too long, then
 * the field's own check.
 */
export const searchField = (check: (value: string) => boolean, message: string) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.check((value) => !hasControlCharacters(value), 'validation_control_characters'),
		v.maxLength(SEARCH_FIELD_MAX_LENGTH, 'validation_too_long'),
		v.trim(),
		v.toLowerCase(),
		v.check((value) => value === '' || check(value), message)
	);

export const isUuid = (value: string) => UUID.test(value);

/** The fields both log searches share: a period of Dutch calendar days (both ends included) and the paging cursor. */
export const periodFields = {
	from: searchField(isCalendarDate, 'validation_date'),
	to: searchField(isCalendarDate, 'validation_date'),
	before: searchField((value) => CURSOR.test(value), 'validation_choice')
};

export const isOrderedPeriod = (query: { from: string; to: string }) => query.from === '' || query.to === '' || query.from <= query.to;

/**
 * The audit-log search: a period, an action, a staff member (who did it) and a reference (the
 * collaboration or the thing an event is about), and the paging cursor. Empty fields do not filter.
 */
export const auditQuerySchema = v.pipe(
	v.object({
		...periodFields,
		action: searchField(isAuditAction, 'audit_filter_action_unknown'),
		staff: searchField(isUuid, 'audit_filter_staff_unknown'),
		reference: searchField(isUuid, 'erasure_reference_invalid')
	}),
	v.check((query) => isOrderedPeriod(query), 'access_log_period_invalid'),
	v.transform((query) => ({ ...query, before: query.before.toUpperCase() }))
);

export type AuditQuery = v.InferOutput<typeof auditQuerySchema>;

/** The fields of the search form, in the order of the address. */
export const AUDIT_QUERY_FIELDS = ['from', 'to', 'action', 'staff', 'reference', 'before'] as const;
