import { describe, expect, it } from 'vitest';
import {
	buildCollaborationTrend,
	buildEyeOpener,
	buildOwnTrend,
	countOutcomes,
	type OwnComparison,
	type TrendParty
} from './insights.trends.ts';

const conversations = [
	{ id: 'k2', endedAt: '2026-05-01T10:00:00.000Z' },
	{ id: 'k1', endedAt: '2026-02-01T10:00:00.000Z' }
];
const parties: TrendParty[] = [
	{ id: 'p1', conversationId: 'k1', kind: 'participant', participantId: 'mother', userId: null },
	{ id: 'p2', conversationId: 'k1', kind: 'professional', participantId: null, userId: 'pro' },
	{ id: 'p3', conversationId: 'k2', kind: 'participant', participantId: 'mother', userId: null },
	{ id: 'p4', conversationId: 'k2', kind: 'participant', participantId: 'father', userId: null },
	{ id: 'p5', conversationId: 'k2', kind: 'professional', participantId: null, userId: 'pro' }
];
const rating = (conversationId: string, partyId: string, value: number, itemKey = 'omgang') => ({
	conversationId,
	partyId,
	instrumentKey: 'samenSterker',
	itemKey,
	value
});

describe('buildCollaborationTrend', () => {
	it('draws a line per party over the conversations, oldest first, with a gap where a party gave no rating', () => {
		const [trend] = buildCollaborationTrend({
			conversations,
			parties,
			ratings: [rating('k1', 'p1', 40), rating('k1', 'p2', 80), rating('k2', 'p3', 60), rating('k2', 'p4', 20), rating('k2', 'p5', 70)],
			itemOrder: new Map([['samenSterker', ['omgang', 'luisteren']]]),
			seriesOrder: ['participant:mother', 'participant:father', 'professional:pro']
		});
		expect(trend!.conversations.map((c) => c.id)).toEqual(['k1', 'k2']);
		expect(trend!.items).toEqual([
			{
				itemKey: 'omgang',
				series: [
					{ key: 'participant:mother', kind: 'participant', values: [40, 60] },
					{ key: 'participant:father', kind: 'participant', values: [null, 20] },
					{ key: 'professional:pro', kind: 'professional', values: [80, 70] }
				],
				// 80 − 40; 70 − mean(60, 20)
				gaps: [40, 30]
			}
		]);
	});

	it('has nothing to draw without ratings', () => {
		expect(buildCollaborationTrend({ conversations, parties, ratings: [], itemOrder: new Map(), seriesOrder: [] })).toEqual([]);
	});
});

describe('countOutcomes', () => {
	it('counts gelukt, deels and niet gelukt', () => {
		expect(countOutcomes([{ outcome: 'done' }, { outcome: 'done' }, { outcome: 'notDone' }])).toEqual({ done: 2, partly: 0, notDone: 1 });
	});
});

describe('the eye-opener', () => {
	const row = (
		conversationId: string,
		itemKey: string,
		own: number,
		clients: number[],
		endedAt = '2026-02-01T10:00:00.000Z'
	): OwnComparison => ({
		conversationId,
		endedAt,
		instrumentKey: 'samenSterker',
		itemKey,
		own,
		clients
	});

	it('an item is systematically higher with at least three conversations, ten points on average and mostly above', () => {
		const items = buildEyeOpener([
			row('a', 'luisteren', 80, [50]),
			row('b', 'luisteren', 75, [60, 70]),
			row('c', 'luisteren', 60, [65]),
			row('a', 'omgang', 90, [60]),
			row('b', 'omgang', 90, [60]),
			row('a', 'plan', 50, [70]),
			row('b', 'plan', 50, [70]),
			row('c', 'plan', 50, [70])
		]);
		expect(items).toEqual([
			{ instrumentKey: 'samenSterker', itemKey: 'omgang', meanGap: 30, conversations: 2, above: 2, systematic: false },
			// (30 + 10 − 5) / 3
			{ instrumentKey: 'samenSterker', itemKey: 'luisteren', meanGap: 12, conversations: 3, above: 2, systematic: true },
			{ instrumentKey: 'samenSterker', itemKey: 'plan', meanGap: -20, conversations: 3, above: 0, systematic: false }
		]);
	});

	it('a conversation without a client rating is left out', () => {
		expect(buildEyeOpener([row('a', 'omgang', 90, [])])).toEqual([]);
	});

	it('the trend gives per quarter the own average and the clients’ average', () => {
		expect(
			buildOwnTrend([
				row('a', 'omgang', 80, [60]),
				row('a', 'plan', 60, [40, 50]),
				row('b', 'omgang', 70, [70], '2026-04-10T10:00:00.000Z')
			])
		).toEqual([
			{ quarter: '2026-Q1', conversations: 1, own: 70, clients: 50, gap: 20 },
			{ quarter: '2026-Q2', conversations: 1, own: 70, clients: 70, gap: 0 }
		]);
	});
});
