import type { ReviewOutcome } from '#lib/server/db/schema.ts';
import type { PartyKind } from './insights.models.ts';
import { quarterOf, type Quarter } from './insights.quarters.ts';

/**
 * The views a professional has of their own work: one collaboration's trend (a line per party
 * per item over its closed conversations, the gap, agreements kept), and their caseload's
 * eye-opener (seed 002: professionals think they take clients seriously; clients often feel
 * otherwise). Pure; the usecases load only closed conversations of the professional's own
 * collaborations, so nothing hidden by the blind rule ever reaches these functions.
 */

export interface TrendConversation {
	id: string;
	endedAt: string;
}

export interface TrendParty {
	id: string;
	conversationId: string;
	kind: PartyKind;
	participantId: string | null;
	userId: string | null;
	/** Typed in from paper: the day it was filled in (docs/decisions/020). */
	paperFilledOn?: string | null;
}

export interface TrendRating {
	conversationId: string;
	partyId: string;
	instrumentKey: string;
	itemKey: string;
	value: number;
}

/** A line: one participant, or one professional, across conversations. */
export interface TrendSeries {
	key: string;
	kind: PartyKind;
	/** Null where this party gave no rating in that conversation. */
	values: (number | null)[];
}

export interface ItemTrend {
	itemKey: string;
	series: TrendSeries[];
	/** Per conversation: the professional's mean minus the participants' mean, whole points. */
	gaps: (number | null)[];
}

export interface InstrumentTrend {
	instrumentKey: string;
	conversations: TrendConversation[];
	items: ItemTrend[];
}

export function seriesKey(party: Pick<TrendParty, 'kind' | 'participantId' | 'userId' | 'id'>): string {
	if (party.kind === 'participant') return `participant:${party.participantId ?? party.id}`;
	return `professional:${party.userId ?? party.id}`;
}

function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

const byEnd = (a: TrendConversation, b: TrendConversation) =>
	a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : a.id < b.id ? -1 : 1;

/**
 * Per instrument, its items over the conversations that used it, oldest first. Series follow
 * `seriesOrder` (participants first, then professionals, as the caller names them).
 */
export function buildCollaborationTrend(input: {
	conversations: readonly TrendConversation[];
	parties: readonly TrendParty[];
	ratings: readonly TrendRating[];
	itemOrder: ReadonlyMap<string, readonly string[]>;
	seriesOrder: readonly string[];
}): InstrumentTrend[] {
	const partyById = new Map(input.parties.map((p) => [p.id, p]));
	const instrumentKeys = [...new Set(input.ratings.map((r) => r.instrumentKey))].sort();
	return instrumentKeys.map((instrumentKey) => {
		const ratings = input.ratings.filter((r) => r.instrumentKey === instrumentKey && partyById.has(r.partyId));
		const used = new Set(ratings.map((r) => r.conversationId));
		const conversations = input.conversations.filter((c) => used.has(c.id)).sort(byEnd);
		const index = new Map(conversations.map((c, i) => [c.id, i]));
		const known = input.itemOrder.get(instrumentKey) ?? [];
		const itemKeys = [...known.filter((key) => ratings.some((r) => r.itemKey === key)), ...new Set(ratings.map((r) => r.itemKey))];
		const items = [...new Set(itemKeys)].map((itemKey) => {
			const series = new Map<string, TrendSeries>();
			const perConversation = conversations.map(() => ({ participant: [] as number[], professional: [] as number[] }));
			for (const rating of ratings.filter((r) => r.itemKey === itemKey)) {
				const party = partyById.get(rating.partyId)!;
				const at = index.get(rating.conversationId);
				if (at === undefined) continue;
				const key = seriesKey(party);
				const line = series.get(key) ?? { key, kind: party.kind, values: conversations.map(() => null) };
				line.values[at] = rating.value;
				series.set(key, line);
				perConversation[at]![party.kind].push(rating.value);
			}
			const rank = (key: string) => {
				const at = input.seriesOrder.indexOf(key);
				return at === -1 ? Number.MAX_SAFE_INTEGER : at;
			};
			return {
				itemKey,
				series: [...series.values()].sort((a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : 1)),
				gaps: perConversation.map(({ participant, professional }) => {
					const own = mean(professional);
					const clients = mean(participant);
					// Round first, then subtract, as the gap of the dashboards.
					return own === null || clients === null ? null : Math.round(own) - Math.round(clients);
				})
			};
		});
		return { instrumentKey, conversations, items };
	});
}

export function countOutcomes(reviews: readonly { outcome: ReviewOutcome }[]): Record<ReviewOutcome, number> {
	const counts: Record<ReviewOutcome, number> = { done: 0, partly: 0, notDone: 0 };
	for (const review of reviews) counts[review.outcome] += 1;
	return counts;
}

/** One item of one conversation, seen from the professional: their rating and their clients'. */
export interface OwnComparison {
	conversationId: string;
	endedAt: string;
	instrumentKey: string;
	itemKey: string;
	own: number;
	clients: number[];
}

/** "Systematically higher": in at least this many conversations, by this much on average, and most of the time. */
export const EYE_OPENER = { minConversations: 3, minMeanGap: 10, minShareAbove: 2 / 3 } as const;

export interface EyeOpenerItem {
	instrumentKey: string;
	itemKey: string;
	/** Mean of (own − clients' mean) over the conversations, whole points. */
	meanGap: number;
	conversations: number;
	/** In how many of those the professional rated higher than their clients. */
	above: number;
	systematic: boolean;
}

/** Per item: how far the professional's own ratings lie above (or below) their clients', largest first. */
export function buildEyeOpener(rows: readonly OwnComparison[]): EyeOpenerItem[] {
	const byItem = new Map<string, { instrumentKey: string; itemKey: string; gaps: number[] }>();
	for (const row of rows) {
		const clients = mean(row.clients);
		if (clients === null) continue;
		const key = `${row.instrumentKey}:${row.itemKey}`;
		const entry = byItem.get(key) ?? { instrumentKey: row.instrumentKey, itemKey: row.itemKey, gaps: [] };
		entry.gaps.push(row.own - clients);
		byItem.set(key, entry);
	}
	return [...byItem.values()]
		.map(({ instrumentKey, itemKey, gaps }) => {
			const meanGap = mean(gaps)!;
			const above = gaps.filter((gap) => gap > 0).length;
			const systematic =
				gaps.length >= EYE_OPENER.minConversations && meanGap >= EYE_OPENER.minMeanGap && above / gaps.length >= EYE_OPENER.minShareAbove;
			return { instrumentKey, itemKey, meanGap: Math.round(meanGap), conversations: gaps.length, above, systematic };
		})
		.sort((a, b) => b.meanGap - a.meanGap || (a.itemKey < b.itemKey ? -1 : 1));
}

/**
 * The sentence above the eye-opener's table, as figures: it must agree with the table beside it
 * and say what it rests on. "Higher" is what the table shows: a mean gap above 0 as rounded.
 * - systematic: the items that meet the rule (EYE_OPENER);
 * - tooFew: fewer conversations than the rule needs, so nothing can be "always" yet — with how
 *   many items are higher so far;
 * - higherNotSystematic: enough conversations, some items higher on average, none always;
 * - notHigher: no item higher on average.
 */
export type EyeOpenerSummary =
	| { kind: 'systematic'; items: string[]; conversations: number }
	| { kind: 'tooFew'; conversations: number; needed: number; higher: number; total: number }
	| { kind: 'higherNotSystematic'; conversations: number; higher: number; total: number }
	| { kind: 'notHigher'; conversations: number };

export function summariseEyeOpener(
	items: readonly (Pick<EyeOpenerItem, 'meanGap' | 'systematic'> & { label: string })[],
	conversations: number
): EyeOpenerSummary | null {
	if (items.length === 0) return null;
	const systematic = items.filter((item) => item.systematic);
	if (systematic.length > 0) return { kind: 'systematic', items: systematic.map((item) => item.label), conversations };
	const higher = items.filter((item) => item.meanGap > 0).length;
	if (conversations < EYE_OPENER.minConversations)
		return { kind: 'tooFew', conversations, needed: EYE_OPENER.minConversations, higher, total: items.length };
	if (higher > 0) return { kind: 'higherNotSystematic', conversations, higher, total: items.length };
	return { kind: 'notHigher', conversations };
}

/** The conversations the eye-opener rests on: closed ones where both the professional and a client rated. */
export function countComparedConversations(rows: readonly OwnComparison[]): number {
	return new Set(rows.filter((row) => row.clients.length > 0).map((row) => row.conversationId)).size;
}

export interface OwnQuarter {
	quarter: Quarter;
	conversations: number;
	own: number;
	clients: number;
	gap: number;
}

/** Per quarter (when the conversation ended): the professional's mean rating and their clients', over all items. */
export function buildOwnTrend(rows: readonly OwnComparison[]): OwnQuarter[] {
	const byQuarter = new Map<Quarter, { own: number[]; clients: number[]; conversations: Set<string> }>();
	for (const row of rows) {
		if (row.clients.length === 0) continue;
		const quarter = quarterOf(row.endedAt);
		const entry = byQuarter.get(quarter) ?? { own: [], clients: [], conversations: new Set<string>() };
		entry.own.push(row.own);
		entry.clients.push(...row.clients);
		entry.conversations.add(row.conversationId);
		byQuarter.set(quarter, entry);
	}
	return [...byQuarter.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([quarter, entry]) => {
			const own = mean(entry.own)!;
			const clients = mean(entry.clients)!;
			return {
				quarter,
				conversations: entry.conversations.size,
				own: Math.round(own),
				clients: Math.round(clients),
				// The difference of the two figures shown beside it.
				gap: Math.round(own) - Math.round(clients)
			};
		});
}
