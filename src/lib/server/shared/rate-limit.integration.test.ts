import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { beginAttempt, consumeRateLimit, type Bucket, type RateLimitRule } from './rate-limit.ts';
import { isDomainError } from './errors.ts';

const RULE: RateLimitRule = { limit: 3, windowMs: 60_000 };

describeOnBothDatabases('rate limiter', (dialect) => {
	const t = useTestContext(dialect);

	async function attempt(key: string): Promise<boolean> {
		return (await consumeRateLimit(t.ctx.db, t.ctx.clock, key, RULE)).allowed;
	}

	it('allows the limit of attempts within a window and refuses the next one', async () => {
		const results = [await attempt('a'), await attempt('a'), await attempt('a'), await attempt('a')];
		expect(results).toEqual([true, true, true, false]);
	});

	it('allows attempts again once the window has passed', async () => {
		for (let i = 0; i < 4; i++) await attempt('b');
		t.ctx.clock.advance(RULE.windowMs - 1);
		expect(await attempt('b')).toBe(false);
		t.ctx.clock.advance(1);
		expect(await attempt('b')).toBe(true);
		expect(await attempt('b')).toBe(true);
	});

	it('counts every key on its own', async () => {
		for (let i = 0; i < 4; i++) await attempt('c');
		expect(await attempt('c')).toBe(false);
		expect(await attempt('d')).toBe(true);
	});

	it('keeps one budget when attempts arrive at the same time', async () => {
		const results = await Promise.all(Array.from({ length: 8 }, () => attempt('e')));
		expect(results.filter(Boolean)).toHaveLength(RULE.limit);
	});

	it('a refusal says the real wait: until the window that refused ends', async () => {
		for (let i = 0; i < 3; i++) await attempt('w');
		t.ctx.clock.advance(20_000);
		expect(await consumeRateLimit(t.ctx.db, t.ctx.clock, 'w', RULE)).toEqual({ allowed: false, retryAfterMs: 40_000 });
	});

	async function tryOnce(buckets: Bucket[], right: boolean): Promise<string> {
		try {
			const attempt = await beginAttempt(t.ctx, buckets);
			if (right) await attempt.succeeded();
			return right ? 'ok' : 'wrong';
		} catch (error) {
			if (isDomainError(error)) return error.publicCode;
			throw error;
		}
	}

	it('failures only: right attempts take their count back (refund) or forget earlier failures (clear); refused attempts are not counted', async () => {
		const refund: Bucket[] = [{ key: 'f-refund', rule: RULE, onSuccess: 'refund' }];
		const clear: Bucket[] = [{ key: 'f-clear', rule: RULE, onSuccess: 'clear' }];
		for (let i = 0; i < 10; i++) expect(await tryOnce(refund, true)).toBe('ok');
		expect([await tryOnce(refund, false), await tryOnce(refund, false), await tryOnce(refund, true), await tryOnce(refund, false)]).toEqual(
			['wrong', 'wrong', 'ok', 'wrong']
		);
		expect(await tryOnce(refund, true)).toBe('rate_limited:1');
		expect([await tryOnce(clear, false), await tryOnce(clear, false), await tryOnce(clear, true)]).toEqual(['wrong', 'wrong', 'ok']);
		expect([await tryOnce(clear, false), await tryOnce(clear, false), await tryOnce(clear, false)]).toEqual(['wrong', 'wrong', 'wrong']);
		// A refusal by one bucket leaves the other's count as it was.
		const both: Bucket[] = [{ key: 'f-other', rule: RULE, onSuccess: 'count' }, ...clear];
		for (let i = 0; i < 5; i++) expect(await tryOnce(both, true)).toBe('rate_limited:1');
		expect(await consumeRateLimit(t.ctx.db, t.ctx.clock, 'f-other', RULE)).toEqual({ allowed: true });
	});
});
