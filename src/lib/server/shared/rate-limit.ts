import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from './clock.ts';

export interface RateLimitRule {
	/** Attempts allowed per window. */
	limit: number;
	windowMs: number;
}

/**
 * Counts one attempt for `key` and says whether it is allowed. Fixed windows kept in the
 * database, updated in one atomic statement, so several instances share one budget.
 */
export async function consumeRateLimit(db: Kysely<Database>, clock: Clock, key: string, rule: RateLimitRule): Promise<boolean> {
	const now = clock.now().getTime();
	const windowStartsAfter = now - rule.windowMs;
	const row = await db
		.insertInto('rateLimits')
		.values({ key, windowStart: now, count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql`case when rate_limits.window_start <= ${windowStartsAfter} then 1 else rate_limits.count + 1 end`,
				windowStart: sql`case when rate_limits.window_start <= ${windowStartsAfter} then ${now} else rate_limits.window_start end`
			})
		)
		.returning(['count'])
		.executeTakeFirstOrThrow();
	return Number(row.count) <= rule.limit;
}
