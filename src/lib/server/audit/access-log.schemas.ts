import * as v from 'valibot';
import { isOrderedPeriod, isUuid, periodFields, searchField } from './audit.schemas.ts';

/**
 * The access-log search (a GET form): a collaboration's reference, a staff member, a period of
 * Dutch calendar days (both ends included) and the paging cursor. Empty fields do not filter.
 */
export const accessLogQuerySchema = v.pipe(
	v.object({
		reference: searchField(isUuid, 'erasure_reference_invalid'),
		staff: searchField(isUuid, 'validation_choice'),
		...periodFields
	}),
	v.check((query) => isOrderedPeriod(query), 'access_log_period_invalid'),
	v.transform((query) => ({ ...query, before: query.before.toUpperCase() }))
);

export type AccessLogQuery = v.InferOutput<typeof accessLogQuerySchema>;
