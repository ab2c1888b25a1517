import type { AppContext } from '#lib/server/context.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { requireAccess, requireAccessToWrite } from '#lib/server/access/access.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { CLIENT_LOCALES, isClientLocale, type ClientLocale } from '#lib/locales.ts';
import { clientTexts } from './client-texts.ts';
import { withOverrides } from './override-runtime.ts';
import { overrideProblem, type OverrideProblem } from './wording.models.ts';
import { createWordingRepository } from './wording.repository.ts';

/**
 * An organisation's own wording of the client texts (issue 16; docs/decisions/021): an admin
 * corrects a translation or says something the organisation's way, per language, without a new
 * release. Only texts a client reads; plain text with the standard text's placeholders.
 */

export interface WordingRow {
	key: string;
	standard: string;
	own: string | null;
}

const cache = new Map<string, { texts: ReadonlyMap<string, string>; until: number }>();
/** Another server instance's change shows within this long; this instance's at once. */
const CACHE_MS = 60_000;

/** "locale:key" → wording, for the pages a participant of `organisationId` reads (hooks.server.ts). */
export async function overridesForOrganisation(ctx: AppContext, organisationId: string): Promise<ReadonlyMap<string, string>> {
	const now = Date.now();
	const cached = cache.get(organisationId);
	if (cached && cached.until > now) return cached.texts;
	const rows = await createWordingRepository(ctx.db).listForOrganisation(organisationId);
	const texts = new Map(rows.map((row) => [`${row.locale}:${row.messageKey}`, row.text]));
	cache.set(organisationId, { texts, until: now + CACHE_MS });
	return texts;
}

/**
 * Makes a mail to a participant (or guest) of `organisationId` with the organisation's own wording
 * of client texts, from the same cache as its pages: a mail is made outside the participant's
 * request, so hooks.server.ts cannot do it. The message functions must be called inside `work`,
 * each with the recipient's language (`{ locale }`); another organisation's wording never applies.
 */
export async function inOrganisationWording<T>(ctx: AppContext, organisationId: string, work: () => T): Promise<Awaited<T>> {
	return await withOverrides(await overridesForOrganisation(ctx, organisationId), work);
}

function parseLocale(locale: string): ClientLocale {
	if (!isClientLocale(locale)) throw domainError('not_found');
	return locale;
}

export async function listClientWording({
	ctx,
	actor,
	locale,
	query
}: {
	ctx: AppContext;
	actor: Actor;
	locale: string;
	query: string;
}): Promise<{ locale: ClientLocale; locales: readonly ClientLocale[]; rows: WordingRow[]; total: number }> {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'wording.manage' });
	const chosen = parseLocale(locale);
	const [texts, stored] = await Promise.all([clientTexts(), createWordingRepository(ctx.db).listForOrganisation(staff.organisationId)]);
	const own = new Map(stored.filter((row) => row.locale === chosen).map((row) => [row.messageKey, row.text]));
	const needle = query.trim().toLocaleLowerCase();
	const rows: WordingRow[] = [];
	for (const text of texts.values()) {
		const row = { key: text.key, standard: text.texts[chosen], own: own.get(text.key) ?? null };
		if (!needle || [row.key, row.standard, row.own ?? '', text.texts.nl].some((value) => value.toLocaleLowerCase().includes(needle))) {
			rows.push(row);
		}
	}
	// The texts the organisation worded its own way first: those are what an admin comes back for.
	rows.sort((a, b) => Number(b.own !== null) - Number(a.own !== null) || a.key.localeCompare(b.key));
	return { locale: chosen, locales: CLIENT_LOCALES, rows, total: texts.size };
}

export async function getClientWording({ ctx, actor, locale, key }: { ctx: AppContext; actor: Actor; locale: string; key: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'wording.manage' });
	const chosen = parseLocale(locale);
	const text = (await clientTexts()).get(key);
	if (!text) throw domainError('not_found');
	const stored = await createWordingRepository(ctx.db).listForOrganisation(staff.organisationId);
	const own = stored.find((row) => row.locale === chosen && row.messageKey === key)?.text ?? null;
	return { locale: chosen, key, standard: text.texts[chosen], dutch: text.texts.nl, own };
}

/** Saves the wording, or says why not (nothing is stored then). */
export async function saveClientWording({
	ctx,
	actor,
	locale,
	key,
	text
}: {
	ctx: AppContext;
	actor: Actor;
	locale: string;
	key: string;
	text: string;
}): Promise<{ ok: true } | { ok: false; problem: OverrideProblem }> {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'wording.manage' });
	const chosen = parseLocale(locale);
	const standard = (await clientTexts()).get(key);
	if (!standard) throw domainError('not_found');
	const problem = overrideProblem(text, standard.texts[chosen]);
	if (problem) return { ok: false, problem };
	const now = ctx.clock.now().toISOString();
	await write(async (trx) => {
		await createWordingRepository(trx).save(staff.organisationId, { locale: chosen, messageKey: key, text: text.trim(), updatedAt: now });
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'wording.saved',
			target: { type: 'organisation', id: staff.organisationId },
			details: { locale: chosen, key }
		});
	});
	cache.delete(staff.organisationId);
	return { ok: true };
}

/** Back to the standard text. */
export async function resetClientWording({ ctx, actor, locale, key }: { ctx: AppContext; actor: Actor; locale: string; key: string }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'wording.manage' });
	const chosen = parseLocale(locale);
	await write(async (trx) => {
		const removed = await createWordingRepository(trx).remove(staff.organisationId, chosen, key);
		if (!removed) return;
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'wording.reset',
			target: { type: 'organisation', id: staff.organisationId },
			details: { locale: chosen, key }
		});
	});
	cache.delete(staff.organisationId);
}
