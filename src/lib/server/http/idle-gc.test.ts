import { describe, expect, it } from 'vitest';
import { collectWhenIdle, fullCollection, loadMallocTrim } from '../../../../scripts/idle-gc.mjs';

/** collectWhenIdle on a clock the test moves: `advance` runs the periodic check as time passes. */
function atRest(options: { burst?: number; collect?: () => unknown } = {}) {
	let time = 0;
	let check: () => void = () => {};
	let period = 0;
	let collections = 0;
	const idle = collectWhenIdle({
		collect:
			options.collect ??
			(() => {
				collections += 1;
			}),
		idleMs: 3000,
		minIntervalMs: 60_000,
		burst: options.burst ?? 200,
		now: () => time,
		every: (run, ms) => {
			check = run;
			period = ms;
			return {};
		},
		stopEvery: () => {}
	});
	return {
		idle,
		advance(ms: number) {
			for (let left = ms; left > 0; left -= period) {
				time += Math.min(period, left);
				check();
			}
		},
		requests(count: number, everyMs: number) {
			for (let i = 0; i < count; i++) {
				idle.touch();
				this.advance(everyMs);
			}
		},
		get collections() {
			return collections;
		}
	};
}

describe('the server gives memory back once the requests stop (decision 025)', () => {
	it('never collects while requests keep coming, and once when they have stopped for the idle time', () => {
		const server = atRest();
		server.requests(500, 100);
		expect(server.collections).toBe(0);
		server.advance(2500);
		expect(server.collections).toBe(0);
		server.advance(1500);
		expect(server.collections).toBe(1);
		server.advance(600_000);
		expect(server.collections).toBe(1);
	});

	it('a server nobody uses never collects', () => {
		const server = atRest();
		server.advance(3_600_000);
		expect(server.collections).toBe(0);
	});

	it('sparse traffic pays at most one collection a minute, however many quiet gaps it has', () => {
		const server = atRest();
		// One request every five seconds for ten minutes: 120 quiet gaps of five seconds.
		server.requests(120, 5000);
		expect(server.collections).toBeGreaterThanOrEqual(9);
		expect(server.collections).toBeLessThanOrEqual(10);
	});

	it('after a burst the memory comes back at once, also within a minute of the last collection', () => {
		const server = atRest({ burst: 200 });
		server.requests(10, 10);
		server.advance(5000);
		expect(server.collections).toBe(1);
		server.requests(250, 10);
		server.advance(4000);
		expect(server.collections).toBe(2);
	});

	it('a collection that fails is not a request’s problem: it is swallowed, and the next one still runs', () => {
		let calls = 0;
		const server = atRest({
			burst: 1,
			collect: () => {
				calls += 1;
				throw new Error('no gc');
			}
		});
		server.requests(1, 10);
		expect(() => server.advance(4000)).not.toThrow();
		server.requests(1, 10);
		server.advance(4000);
		expect(calls).toBe(2);
	});
});

describe('at rest, malloc’s free pages go back to the system after V8’s collection (decision 025, part five)', () => {
	it('hands malloc’s pages back only once V8’s full collection has finished, the collection everything V8 can free', async () => {
		const steps: string[] = [];
		let finishGc: () => void = () => {};
		const collect = fullCollection({
			gc: (options: unknown) => {
				steps.push(`gc ${JSON.stringify(options)}`);
				return new Promise<void>((resolve) => (finishGc = resolve));
			},
			releaseFreed: () => steps.push('malloc_trim')
		});
		const running = collect!();
		await Promise.resolve();
		expect(steps).toEqual(['gc {"type":"major","execution":"async","flavor":"last-resort"}']);
		finishGc();
		await running;
		expect(steps).toEqual(['gc {"type":"major","execution":"async","flavor":"last-resort"}', 'malloc_trim']);
	});

	it('without V8’s gc (tuning turned off) the server collects nothing at rest, malloc_trim included', () => {
		let trimmed = 0;
		expect(fullCollection({ gc: null, releaseFreed: () => (trimmed += 1) })).toBeUndefined();
		expect(trimmed).toBe(0);
	});

	// CI and the servers it is installed on run Linux with glibc: there the binding must load, or
	// the server would silently keep about 30 MB more at rest.
	it.runIf(
		process.platform === 'linux' &&
			Boolean((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime)
	)('on Linux with glibc, malloc_trim is bound and runs', async () => {
		const release = await loadMallocTrim();
		expect(release).toBeTypeOf('function');
		expect([0, 1]).toContain(release!());
	});
});
