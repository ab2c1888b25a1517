import * as v from 'valibot';
import { isCalendarDate } from '../collaborations/collaborations.models.ts';

const optionalText = (check: (value: string) => boolean, message: string) =>
	v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.toLowerCase(),
		v.check((value) => value === '' || check(value), message)
	);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The access-log search (a GET form): a collaboration's reference, a staff member, a period of
 * Dutch calendar days (both ends included) and the paging cursor. Empty fields do not filter.
 */
export const accessLogQuerySchema = v.pipe(
	v.object({
		reference: optionalText((value) => UUID.test(value), 'erasure_reference_invalid'),
		staff: optionalText((value) => UUID.test(value), 'validation_choice'),
		from: optionalText(isCalendarDate, 'validation_date'),
		to: optionalText(isCalendarDate, 'validation_date'),
		before: optionalText((value) => /^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}:\d{2}\.\d{3}z$/.test(value), 'validation_choice')
	}),
	v.check((query) => query.from === '' || query.to === '' || query.from <= query.to, 'access_log_period_invalid'),
	v.transform((query) => ({ ...query, before: query.before.toUpperCase() }))
);

export type AccessLogQuery = v.InferOutput<typeof accessLogQuerySchema>;
