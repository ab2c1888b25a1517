import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeartbeat } from './heartbeat.ts';

describe('the live streams share one heartbeat timer', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('beats every open stream once per interval with a single timer', () => {
		const heartbeat = createHeartbeat(1000);
		const first = vi.fn();
		const second = vi.fn();
		heartbeat.follow(first);
		heartbeat.follow(second);
		expect(vi.getTimerCount()).toBe(1);
		vi.advanceTimersByTime(2000);
		expect(first).toHaveBeenCalledTimes(2);
		expect(second).toHaveBeenCalledTimes(2);
	});

	it('stops beating a stream that has closed, and stops the timer when the last one closes', () => {
		const heartbeat = createHeartbeat(1000);
		const first = vi.fn();
		const second = vi.fn();
		const stopFirst = heartbeat.follow(first);
		const stopSecond = heartbeat.follow(second);
		stopFirst();
		vi.advanceTimersByTime(1000);
		expect(first).not.toHaveBeenCalled();
		expect(second).toHaveBeenCalledTimes(1);
		stopSecond();
		expect(heartbeat.size).toBe(0);
		expect(vi.getTimerCount()).toBe(0);
	});
});
