import type { Kysely } from 'kysely';
import { chunks } from '#lib/server/db/chunks.ts';
import type { Database } from '#lib/server/db/schema.ts';

/**
 * The published quarter figures of insights: which quarters are summarised, the minimum group
 * size each is held to, the cells frozen per quarter, and the cells once shown, which can only
 * shrink later (decision 006, rule 7).
 */

export interface CellRow {
	quarter: string;
	teamId: string;
	measure: string;
	collaborations: number;
	maxHolder: number;
	valueCount: number;
	valueSum: number;
}

export function createPublishedFiguresRepository(db: Kysely<Database>) {
	return {
		/** The summarised ones of these quarters, with the minimum their figures are held to (null: not published yet). */
		async listQuarterStates(organisationId: string, quarters: readonly string[]): Promise<Map<string, number | null>> {
			if (quarters.length === 0) return new Map();
			const rows = await db
				.selectFrom('insightsQuarters')
				.select(['quarter', 'minGroupSize'])
				.where('organisationId', '=', organisationId)
				.where('quarter', 'in', quarters)
				.execute();
			return new Map(rows.map((row) => [row.quarter, row.minGroupSize === null ? null : Number(row.minGroupSize)]));
		},

		/** Every published quarter held to a smaller minimum than `k`. */
		async listQuartersHeldBelow(organisationId: string, k: number): Promise<string[]> {
			const rows = await db
				.selectFrom('insightsQuarters')
				.select('quarter')
				.where('organisationId', '=', organisationId)
				.where('minGroupSize', '<', k)
				.execute();
			return rows.map((row) => row.quarter);
		},

		/**
		 * Records that the quarter's figures are held to minimum `k`: when it was not published yet
		 * (`from` null) or held to a smaller one. True when this call changed it; a concurrent
		 * call waits for, then sees, the first, so a pattern is written or narrowed once.
		 */
		async holdQuarterTo(organisationId: string, quarter: string, k: number, from: 'unpublished' | 'smaller'): Promise<boolean> {
			const row = await db
				.updateTable('insightsQuarters')
				.set({ minGroupSize: k })
				.where('organisationId', '=', organisationId)
				.where('quarter', '=', quarter)
				.where((eb) => (from === 'unpublished' ? eb('minGroupSize', 'is', null) : eb('minGroupSize', '<', k)))
				.returning('quarter')
				.executeTakeFirst();
			return row !== undefined;
		},

		async insertShownFigures(
			organisationId: string,
			quarter: string,
			figures: readonly { measure: string; scope: string }[]
		): Promise<void> {
			for (const batch of chunks(figures, 200)) {
				await db
					.insertInto('insightsShownFigures')
					.values(batch.map((figure) => ({ organisationId, quarter, ...figure })))
					.execute();
			}
		},

		async deleteShownFigures(
			organisationId: string,
			quarter: string,
			figures: readonly { measure: string; scope: string }[]
		): Promise<void> {
			for (const [measure, ofMeasure] of Map.groupBy(figures, (figure) => figure.measure)) {
				for (const scopes of chunks(ofMeasure.map((figure) => figure.scope))) {
					await db
						.deleteFrom('insightsShownFigures')
						.where('organisationId', '=', organisationId)
						.where('quarter', '=', quarter)
						.where('measure', '=', measure)
						.where('scope', 'in', scopes)
						.execute();
				}
			}
		},

		async listShownFigures(
			organisationId: string,
			quarters: readonly string[]
		): Promise<{ quarter: string; measure: string; scope: string }[]> {
			if (quarters.length === 0) return [];
			return db
				.selectFrom('insightsShownFigures')
				.select(['quarter', 'measure', 'scope'])
				.where('organisationId', '=', organisationId)
				.where('quarter', 'in', quarters)
				.execute();
		},

		/** True when this call claimed the quarter; a concurrent claim waits for, then sees, the first. */
		async claimQuarter(organisationId: string, quarter: string, now: string): Promise<boolean> {
			const row = await db
				.insertInto('insightsQuarters')
				.values({ organisationId, quarter, computedAt: now })
				.onConflict((oc) => oc.columns(['organisationId', 'quarter']).doNothing())
				.returning('quarter')
				.executeTakeFirst();
			return row !== undefined;
		},

		async insertCells(organisationId: string, cells: readonly CellRow[]): Promise<void> {
			for (const batch of chunks(cells, 200)) {
				await db
					.insertInto('insightsCells')
					.values(batch.map((cell) => ({ organisationId, ...cell })))
					.execute();
			}
		},

		async listCells(organisationId: string, quarters: readonly string[]): Promise<CellRow[]> {
			if (quarters.length === 0) return [];
			return db
				.selectFrom('insightsCells')
				.select(['quarter', 'teamId', 'measure', 'collaborations', 'maxHolder', 'valueCount', 'valueSum'])
				.where('organisationId', '=', organisationId)
				.where('quarter', 'in', quarters)
				.execute();
		}
	};
}
