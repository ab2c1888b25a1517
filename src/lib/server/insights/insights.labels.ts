import type { Kysely } from 'kysely';
import type { Database, Locale } from '#lib/server/db/schema.ts';
import {
	parseInstrumentContent,
	renderItems,
	renderScale,
	toPlanTerm,
	type RenderedScale
} from '#lib/server/instruments/instruments.models.ts';
import { QUICK_CHECK_INSTRUMENT_KEY } from '#lib/server/instruments/instruments.usecases.ts';
import { createOrganisationsRepository } from '#lib/server/organisations/organisations.repository.ts';
import type { ItemRef } from './insights.models.ts';
import { createInsightsRepository } from './insights.repository.ts';

export interface InstrumentLabels {
	key: string;
	name: string;
	/** Item keys in the instrument's own order, with their short names in the reader's language. */
	items: { key: string; label: string }[];
	/** The scale its answers were given on, to show them on it. */
	scale: RenderedScale;
}

/**
 * The names of instruments and items as the reader reads them (newest version of each key, the
 * organisation's plan term filled in). The quick check always comes first, so an empty
 * dashboard still shows its five items.
 */
export async function loadInstrumentLabels(
	db: Kysely<Database>,
	organisationId: string,
	keys: Iterable<string>,
	locale: Locale
): Promise<InstrumentLabels[]> {
	const wanted = [...new Set([QUICK_CHECK_INSTRUMENT_KEY, ...keys])];
	const [rows, organisation] = await Promise.all([
		createInsightsRepository(db).listLatestInstruments(organisationId, wanted),
		createOrganisationsRepository(db).findById(organisationId)
	]);
	const planTerm = toPlanTerm(organisation?.planTerm);
	return wanted.flatMap((key) => {
		const row = rows.find((r) => r.key === key);
		if (!row) return [];
		const content = parseInstrumentContent(row.contentJson);
		// Only items on the line: answers in words (issue 14) are never counted, so never a row or a trend here.
		const items = renderItems(content, 'professional', locale, planTerm)
			.filter((item) => item.answer === undefined)
			.map((item) => ({ key: item.key, label: item.label }));
		return [{ key, name: content.name[locale], items, scale: renderScale(content, locale) }];
	});
}

/** Items in instrument order: known items first, then any others found in the data (by key). */
export function orderItems(instruments: readonly InstrumentLabels[], found: readonly ItemRef[]): (ItemRef & { label: string })[] {
	const result: (ItemRef & { label: string })[] = [];
	for (const instrument of instruments) {
		for (const item of instrument.items) result.push({ instrumentKey: instrument.key, itemKey: item.key, label: item.label });
	}
	for (const item of found) {
		if (!result.some((r) => r.instrumentKey === item.instrumentKey && r.itemKey === item.itemKey))
			result.push({ ...item, label: item.itemKey });
	}
	return result;
}

export function labelOf(instruments: readonly InstrumentLabels[], instrumentKey: string, itemKey: string): string {
	return instruments.find((i) => i.key === instrumentKey)?.items.find((item) => item.key === itemKey)?.label ?? itemKey;
}
