import { expect, it } from 'vitest';
import { describeOnBothDatabases, useTestContext } from '../testing/test-context.ts';
import { consumeRateLimit, type RateLimitRule } from './rate-limit.ts';

const RULE: RateLimitRule = { limit: 3, windowMs: 60_000 };

describeOnBothDatabases('rate limiter', (dialect) => {
	const t = useTestContext(dialect);

	async function attempt(key: string): Promise<boolean> {
		return consumeRateLimit(t.ctx.db, t.ctx.clock, key, RULE);
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
});
