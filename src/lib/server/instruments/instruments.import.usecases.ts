import { hasConditions } from '#lib/enable-when.ts';
import { createHash } from 'node:crypto';
import { requireAccess, requireAccessToChange, requireAccessToWrite, type StaffWrite } from '#lib/server/access/access.ts';
import type { Actor } from '#lib/server/access/actor.ts';
import { createCollaborationsRepository } from '#lib/server/collaborations/collaborations.repository.ts';
import type { AppContext } from '#lib/server/context.ts';
import type { Locale } from '#lib/server/db/schema.ts';
import { createOrganisationsRepository, type InstrumentChoice } from '#lib/server/organisations/organisations.repository.ts';
import { recordAudit } from '#lib/server/shared/audit.ts';
import { domainError } from '#lib/server/shared/errors.ts';
import { newId } from '#lib/server/shared/tokens.ts';
import { instrumentToQuestionnaire } from './fhir/fhir.export.ts';
import type { ImportProblem } from './fhir/fhir.import.ts';
import { lazy } from '#lib/server/shared/lazy.ts';
import { hasItemOnLine, keepsLine } from './instruments.models.ts';
import { createInstrumentsRepository, type StoredInstrument } from './instruments.repository.ts';
import { getCurrentBuiltInInstrument, QUICK_CHECK_INSTRUMENT_KEY, SESSION_FEEDBACK_INSTRUMENT_KEY } from './instruments.usecases.ts';

/** The FHIR R4 schema, ajv and fhirpath load on the first import (decision 023). */
const fhirImport = lazy(() => import('./fhir/fhir.import.ts'));

/**
 * An organisation's own instruments: imported from FHIR R4 Questionnaires by an admin, chosen as
 * the quick check's instrument for the organisation or one collaboration, and exported again
 * (docs/decisions/019-fhir-questionnaires.md).
 */

/** One published version, as the admin's list shows it. */
export interface InstrumentSummary {
	id: string;
	key: string;
	version: number;
	name: string;
	method: 'quickCheck' | 'sessionFeedback';
	builtIn: boolean;
	items: number;
	publishedAt: string;
	/** The Questionnaire's canonical url, for an imported one. */
	url: string | null;
	/**
	 * Only questions in words (free text, nominal choices), none on the line: the quick check
	 * cannot use it (issue 14); trajectory moments and session feedback can.
	 */
	withoutLine: boolean;
}

function summaryOf(instrument: StoredInstrument, locale: Locale): InstrumentSummary {
	return {
		id: instrument.id,
		key: instrument.key,
		version: instrument.version,
		name: instrument.content.name[locale],
		method: instrument.method,
		builtIn: instrument.organisationId === null,
		items: instrument.content.items.length,
		publishedAt: instrument.publishedAt,
		url: instrument.content.fhir?.url || null,
		withoutLine: !hasItemOnLine(instrument.content)
	};
}

/** The same Questionnaire url in the same organisation is the same instrument, in a new version. */
function keyFor(organisationId: string, url: string): string {
	if (!url) return `fhir-${newId()}`;
	return `fhir-${createHash('sha256').update(`${organisationId}|${url}`).digest('hex').slice(0, 20)}`;
}

export type ImportOutcome = { ok: true; instrument: InstrumentSummary } | { ok: false; problems: ImportProblem[] };

/**
 * Publishes a Questionnaire as a new instrument version of the admin's organisation, or returns
 * every reason it cannot be one (nothing is stored then). Where the Questionnaire has a
 * copyright, the admin confirms that the organisation holds the licence; the audit keeps that.
 */
export async function importInstrument({
	ctx,
	actor,
	text,
	licenceConfirmed,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	text: string;
	licenceConfirmed: boolean;
	locale: Locale;
}): Promise<ImportOutcome> {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const { importQuestionnaire } = await fhirImport();
	const result = importQuestionnaire(text, { licenceConfirmed });
	if (!result.ok) return result;
	const { content } = result;
	const key = keyFor(staff.organisationId, content.fhir?.url ?? '');
	// The quick check needs a question on the line (decision 019): a new version of one it uses must keep one.
	// Session feedback takes conditional questions and answers in words (issue 14, migration 0039).
	if (!hasItemOnLine(content) && (await isUsedFor(ctx, staff.organisationId, key, { sessionFeedback: false }))) {
		return { ok: false, problems: [{ code: 'no_line_quick_check' }] };
	}
	if (hasConditions(content.items) && (await isUsedFor(ctx, staff.organisationId, key, { sessionFeedback: false }))) {
		return { ok: false, problems: [{ code: 'enable_when_quick_check' }] };
	}
	const id = newId();
	const stored = await write(async (trx) => {
		const repo = createInstrumentsRepository(trx);
		const version = (await repo.findHighestVersion(key)) + 1;
		const before = version > 1 ? await repo.findByKeyVersion(key, version - 1) : undefined;
		if (before && !keepsLine(before.content, content)) return 'scale_changed' as const;
		const publishedAt = ctx.clock.now().toISOString();
		const inserted = await repo.insertIfMissing({
			id,
			organisationId: staff.organisationId,
			key,
			version,
			method: 'quickCheck',
			contentJson: JSON.stringify(content),
			publishedAt
		});
		// Someone published this version a moment ago: the admin tries again and gets the next.
		if (!inserted) throw domainError('validation');
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'instrument.imported',
			target: { type: 'instrument', id },
			details: { key, version, items: content.items.length, licenceConfirmed: Boolean(content.fhir?.copyright) && licenceConfirmed }
		});
		return repo.findByKeyVersion(key, version);
	});
	if (stored === 'scale_changed') return { ok: false, problems: [{ code: 'scale_changed' }] };
	return { ok: true, instrument: summaryOf(stored!, locale) };
}

/**
 * Whether the organisation or one of its collaborations uses this key for the quick check, or
 * (with `sessionFeedback`) the organisation for session feedback.
 */
async function isUsedFor(ctx: AppContext, organisationId: string, key: string, also: { sessionFeedback: boolean }): Promise<boolean> {
	const organisations = createOrganisationsRepository(ctx.db);
	if ((await organisations.findInstrumentKey(organisationId, 'quickCheck')) === key) return true;
	if (also.sessionFeedback && (await organisations.findInstrumentKey(organisationId, 'sessionFeedback')) === key) return true;
	return createCollaborationsRepository(ctx.db).isQuickCheckInstrumentKeyUsed(organisationId, key);
}

/** The instruments the organisation can use, and which ones its quick check and session feedback use. */
export async function listInstruments({ ctx, actor, locale }: { ctx: AppContext; actor: Actor; locale: Locale }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const organisations = createOrganisationsRepository(ctx.db);
	const [instruments, quickCheck, sessionFeedback] = await Promise.all([
		createInstrumentsRepository(ctx.db).listForOrganisation(staff.organisationId),
		organisations.findInstrumentKey(staff.organisationId, 'quickCheck'),
		organisations.findInstrumentKey(staff.organisationId, 'sessionFeedback')
	]);
	return {
		instruments: instruments.map((instrument) => summaryOf(instrument, locale)),
		quickCheckKey: quickCheck ?? QUICK_CHECK_INSTRUMENT_KEY,
		sessionFeedbackKey: sessionFeedback ?? SESSION_FEEDBACK_INSTRUMENT_KEY
	};
}

/** The quick-check instruments to choose from: Samen Sterker and the organisation's own (newest version of each). */
async function listQuickCheckChoices(ctx: AppContext, organisationId: string, locale: Locale): Promise<InstrumentSummary[]> {
	const all = await createInstrumentsRepository(ctx.db).listForOrganisation(organisationId);
	const newest = all.filter((instrument, index) => all.findIndex((other) => other.key === instrument.key) === index);
	return newest
		.filter((instrument) => instrument.method === 'quickCheck' && hasItemOnLine(instrument.content))
		.map((instrument) => summaryOf(instrument, locale));
}

async function requireQuickCheckKey(ctx: AppContext, organisationId: string, key: string | null): Promise<void> {
	if (key === null) return;
	const instrument = await createInstrumentsRepository(ctx.db).findLatestForOrganisation(organisationId, key);
	if (!instrument || instrument.method !== 'quickCheck') throw domainError('not_found');
	// Both give a score on the line and see the difference; questions in words are answered beside them.
	if (!hasItemOnLine(instrument.content)) throw domainError('instruments.no_line_quick_check');
	// In the quick check both parties rate every item; a question only one of them is asked breaks the comparison.
	if (hasConditions(instrument.content.items)) throw domainError('instruments.conditional_quick_check');
}

/** The admin chooses the organisation's quick-check instrument (null: Samen Sterker). */
export async function setOrganisationQuickCheckInstrument({ ctx, actor, key }: { ctx: AppContext; actor: Actor; key: string | null }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const chosen = key === QUICK_CHECK_INSTRUMENT_KEY ? null : key;
	await requireQuickCheckKey(ctx, staff.organisationId, chosen);
	await saveOrganisationInstrument({ ctx, actor, write }, staff.organisationId, 'quickCheck', chosen ?? QUICK_CHECK_INSTRUMENT_KEY, chosen);
}

/**
 * The admin chooses the organisation's session feedback instrument (null: the built-in one): one
 * of its own imported instruments, which the participants answer instead (an SRS-like four
 * questions, say). Only its own: the built-in quick check asks both parties about the collaboration.
 */
export async function setOrganisationSessionFeedbackInstrument({ ctx, actor, key }: { ctx: AppContext; actor: Actor; key: string | null }) {
	const { staff, write } = await requireAccessToWrite({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const chosen = key === SESSION_FEEDBACK_INSTRUMENT_KEY ? null : key;
	if (chosen !== null) {
		const instrument = await createInstrumentsRepository(ctx.db).findLatestForOrganisation(staff.organisationId, chosen);
		if (!instrument || instrument.organisationId !== staff.organisationId || instrument.method !== 'quickCheck')
			throw domainError('not_found');
		// Answers in words are welcome here (migration 0039): shown to the professional beside the
		// numbers, never in a trend (decision 019, issue 14).
	}
	await saveOrganisationInstrument(
		{ ctx, actor, write },
		staff.organisationId,
		'sessionFeedback',
		chosen ?? SESSION_FEEDBACK_INSTRUMENT_KEY,
		chosen
	);
}

async function saveOrganisationInstrument(
	{ ctx, actor, write }: { ctx: AppContext; actor: Actor; write: StaffWrite['write'] },
	organisationId: string,
	method: InstrumentChoice,
	shownKey: string,
	key: string | null
): Promise<void> {
	await write(async (trx) => {
		await createOrganisationsRepository(trx).setInstrumentKey(organisationId, method, key, ctx.clock.now().toISOString());
		await recordAudit(trx, ctx.clock, {
			actor,
			action: method === 'quickCheck' ? 'organisation.quick_check_instrument_set' : 'organisation.session_feedback_instrument_set',
			target: { type: 'organisation', id: organisationId },
			details: { key: shownKey }
		});
	});
}

/** A professional of the collaboration chooses its instrument (null: the organisation's). */
export async function setCollaborationQuickCheckInstrument({
	ctx,
	actor,
	collaborationId,
	key
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	key: string | null;
}) {
	const { staff, logAccess } = await requireAccessToChange({
		db: ctx.db,
		actor,
		permission: 'collaboration.update',
		ids: [collaborationId]
	});
	await requireQuickCheckKey(ctx, staff.organisationId, key);
	await ctx.db.transaction().execute(async (trx) => {
		const now = ctx.clock.now().toISOString();
		await createCollaborationsRepository(trx).setQuickCheckInstrumentKey(staff.organisationId, collaborationId, key, now);
		await recordAudit(trx, ctx.clock, {
			actor,
			action: 'collaboration.quick_check_instrument_set',
			target: { type: 'collaboration', id: collaborationId },
			details: { key: key ?? 'organisation' }
		});
		await logAccess(trx);
	});
}

/** What the collaboration page offers: the choices and the collaboration's own choice (null: the organisation's). */
export async function getCollaborationQuickCheckChoice({
	ctx,
	actor,
	collaborationId,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	collaborationId: string;
	locale: Locale;
}) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'collaboration.view', ids: [collaborationId] });
	const [choices, own] = await Promise.all([
		listQuickCheckChoices(ctx, staff.organisationId, locale),
		createCollaborationsRepository(ctx.db).findQuickCheckInstrumentKey(staff.organisationId, collaborationId)
	]);
	return { choices, key: own };
}

/**
 * The instrument a quick check starting now uses: the collaboration's choice, else the
 * organisation's, else Samen Sterker; always its newest version. Not an entry point: the
 * conversations usecase calls it after its own access check.
 */
export async function resolveQuickCheckInstrument(
	ctx: AppContext,
	organisationId: string,
	collaborationId: string
): Promise<StoredInstrument> {
	const key =
		(await createCollaborationsRepository(ctx.db).findQuickCheckInstrumentKey(organisationId, collaborationId)) ??
		(await createOrganisationsRepository(ctx.db).findInstrumentKey(organisationId, 'quickCheck'));
	if (key) {
		const instrument = await createInstrumentsRepository(ctx.db).findLatestForOrganisation(organisationId, key);
		// Never a conditional one (refused when chosen and at import; this is the last guard).
		if (instrument?.method === 'quickCheck' && !hasConditions(instrument.content.items) && hasItemOnLine(instrument.content))
			return instrument;
	}
	return getCurrentBuiltInInstrument(ctx, QUICK_CHECK_INSTRUMENT_KEY);
}

/** The instrument a new session feedback uses: the organisation's own choice, else the built-in one. */
export async function resolveSessionFeedbackInstrument(ctx: AppContext, organisationId: string): Promise<StoredInstrument> {
	const key = await createOrganisationsRepository(ctx.db).findInstrumentKey(organisationId, 'sessionFeedback');
	if (key) {
		const instrument = await createInstrumentsRepository(ctx.db).findLatestForOrganisation(organisationId, key);
		if (instrument?.organisationId === organisationId && instrument.method === 'quickCheck') return instrument;
	}
	return getCurrentBuiltInInstrument(ctx, SESSION_FEEDBACK_INSTRUMENT_KEY);
}

/** One instrument version as a FHIR R4 Questionnaire file. Instruments hold no client data. */
export async function exportInstrument({ ctx, actor, instrumentId }: { ctx: AppContext; actor: Actor; instrumentId: string }) {
	const staff = await requireAccess({ db: ctx.db, actor, permission: 'organisation.settings.update' });
	const instrument = await createInstrumentsRepository(ctx.db).findForOrganisation(staff.organisationId, instrumentId);
	if (!instrument) throw domainError('not_found');
	const questionnaire = instrumentToQuestionnaire(instrument);
	return { fileName: `questionnaire-${instrument.key}-v${instrument.version}.json`, json: JSON.stringify(questionnaire, null, 2) };
}
