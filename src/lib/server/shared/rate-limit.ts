import { isIPv6 } from 'node:net';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import { rateLimited } from './errors.ts';
import type { Logger } from './logger.ts';

/**
 * Throttling (docs/decisions/012-throttling.md): fixed windows kept in the database, updated in
 * one atomic statement, so several instances share one budget. A throttle is meant to slow the
 * one who guesses, never to shut out the one who knows: most buckets count failures only (the
 * right answer takes its attempt back), and a refusal says how long to wait, to the minute.
 */
export interface RateLimitRule {
	/** Attempts allowed per window. */
	limit: number;
	windowMs: number;
}

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts one attempt for `key`: allowed while the window holds at most `limit`; otherwise how long until it ends. */
export async function consumeRateLimit(db: Kysely<Database>, clock: Clock, key: string, rule: RateLimitRule): Promise<RateLimitOutcome> {
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
		.returning(['count', 'windowStart'])
		.executeTakeFirstOrThrow();
	if (Number(row.count) <= rule.limit) return { allowed: true };
	return { allowed: false, retryAfterMs: Math.max(1, Number(row.windowStart) + rule.windowMs - now) };
}

/** Takes one attempt back: it succeeded, or another bucket refused it. */
async function refundRateLimit(db: Kysely<Database>, key: string): Promise<void> {
	await db
		.updateTable('rateLimits')
		.set({ count: sql`rate_limits.count - 1` })
		.where('key', '=', key)
		.where('count', '>', 0)
		.execute();
}

/** Forgets every attempt of `key`. */
export async function clearRateLimit(db: Kysely<Database>, key: string): Promise<void> {
	await db.deleteFrom('rateLimits').where('key', '=', key).execute();
}

/**
 * What a success does to a bucket: `count` keeps the attempt (every attempt counts, e.g. mails
 * sent), `refund` takes it back (failures only; for buckets many people share, such as an
 * address), `clear` also forgets earlier failures (the right credential for one account).
 */
export type OnSuccess = 'count' | 'refund' | 'clear';

export interface Bucket {
	key: string;
	rule: RateLimitRule;
	onSuccess: OnSuccess;
}

export interface Attempt {
	/** The attempt was right: applies each bucket's OnSuccess. */
	succeeded(): Promise<void>;
	/** Nothing was tried after all (there was nothing to check the answer against): every bucket takes it back. */
	withdrawn(): Promise<void>;
}

type ThrottleContext = { db: Kysely<Database>; clock: Clock; logger: Logger };

/**
 * One attempt against several buckets, all or nothing: when any bucket refuses, the others
 * take their count back (a refused attempt tried nothing) and `rate_limited` carries the
 * longest wait. A failed attempt just stays counted.
 */
export async function beginAttempt(ctx: ThrottleContext, buckets: readonly Bucket[]): Promise<Attempt> {
	const outcomes: RateLimitOutcome[] = [];
	for (const bucket of buckets) outcomes.push(await consumeRateLimit(ctx.db, ctx.clock, bucket.key, bucket.rule));
	const waits = outcomes.map((outcome) => (outcome.allowed ? 0 : outcome.retryAfterMs));
	const longest = Math.max(0, ...waits);
	if (longest > 0) {
		for (const bucket of buckets) await refundRateLimit(ctx.db, bucket.key);
		const refusedBy = buckets.filter((_, index) => waits[index]! > 0).map((bucket) => bucket.key.split(':')[0]);
		ctx.logger.warn({ event: 'rate_limited', buckets: refusedBy, retryAfterMs: longest }, 'rate limit reached');
		throw rateLimited(longest);
	}
	return {
		async succeeded() {
			for (const bucket of buckets) {
				if (bucket.onSuccess === 'refund') await refundRateLimit(ctx.db, bucket.key);
				else if (bucket.onSuccess === 'clear') await clearRateLimit(ctx.db, bucket.key);
			}
		},
		async withdrawn() {
			for (const bucket of buckets) await refundRateLimit(ctx.db, bucket.key);
		}
	};
}

/**
 * The key of a per-address bucket (`join-ip`, `signin-ip`, …). An IPv6 client holds a whole /64
 * (a phone or a home router takes new addresses from it at will), so one guesser could otherwise
 * fill a fresh bucket with every request: IPv6 addresses count per /64. IPv4, and IPv4 written as
 * IPv6 (`::ffff:10.0.0.1`), count per address; anything else as it is.
 */
export function addressBucketKey(kind: string, address: string): string {
	return `${kind}:${addressForThrottling(address)}`;
}

function addressForThrottling(address: string): string {
	const bare = address.split('%')[0]!.toLowerCase();
	if (!isIPv6(bare)) return address;
	const groupsOf = (part: string | undefined) =>
		part
			? part.split(':').flatMap((group) => {
					if (!group.includes('.')) return [parseInt(group, 16)];
					const [a, b, c, d] = group.split('.').map(Number) as [number, number, number, number];
					return [a * 256 + b, c * 256 + d];
				})
			: [];
	const [head, tail] = bare.split('::') as [string, string | undefined];
	const start = groupsOf(head);
	const end = groupsOf(tail);
	const groups = tail === undefined ? start : [...start, ...Array<number>(8 - start.length - end.length).fill(0), ...end];
	// IPv4 written as IPv6 (::ffff:a.b.c.d in any spelling, or the old ::a.b.c.d): one IPv4 address.
	if (groups.slice(0, 5).every((group) => group === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
		return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
	}
	return `${groups
		.slice(0, 4)
		.map((group) => group.toString(16))
		.join(':')}::/64`;
}

/**
 * Personal links, of a conversation's participant (`/l/`) and of a trajectory's client (`/t/`):
 * one bucket per address for both, so switching between the two doubles nobody's guesses. Tokens
 * are 256-bit: nobody guesses one, so this bucket only slows someone who tries: failures per
 * address, and no overall limit a stranger could fill for everyone. A link that exists is never
 * refused by it, so a stranger's failures from the same address do not keep out the one who
 * holds a link (docs/decisions/012-throttling.md).
 */
export const LINK_PER_ADDRESS: RateLimitRule = { limit: 30, windowMs: 10 * 60_000 };

/** Counts a wrong personal link against the address; past the limit it throws `rate_limited` with the wait. */
export async function countWrongLink(ctx: ThrottleContext, clientAddress: string): Promise<void> {
	await beginAttempt(ctx, [{ key: addressBucketKey('link-ip', clientAddress), rule: LINK_PER_ADDRESS, onSuccess: 'refund' }]);
}
