import { describe, expect, it } from 'vitest';
import { ERASURE_TOMBSTONE_MARGIN_DAYS, erasureTombstoneCutoff } from './retention.models.ts';

const DAY = 86_400_000;

describe('the cut-off of erasure tombstones (decision 011)', () => {
	const now = new Date('2026-12-06T10:00:00.000Z');

	it('is the retention period plus the margin ago, without a nightly backup on the server', () => {
		expect(erasureTombstoneCutoff(now, 365)).toBe(new Date(now.getTime() - (365 + ERASURE_TOMBSTONE_MARGIN_DAYS) * DAY).toISOString());
	});

	it('moves back to a day before the oldest nightly backup when that is older, so a tombstone stays while it may be restored', () => {
		expect(erasureTombstoneCutoff(now, 30, '2026-01-10')).toBe('2026-01-09T00:00:00.000Z');
	});

	it('a nightly backup newer than the period changes nothing', () => {
		expect(erasureTombstoneCutoff(now, 30, '2026-12-01')).toBe(erasureTombstoneCutoff(now, 30));
	});
});
